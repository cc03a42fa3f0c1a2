// What the series editor's components share: the loaded series and a refused submission.
import type { useLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/admin/series/overview";

export type Doc = ReturnType<typeof useLoaderData<typeof loader>>["doc"];
/** A refused submission of one of the page's forms (`intent`), with its problems and typed values. */
export type Failed = { intent: string; problems: { path: string; message: string }[]; values?: Record<string, string>; sessionIndex?: number };
