// The sign-in sheet (« feuille d’émargement ») of one session, as a PDF to print
// (app/documents/sign-in-sheet.server.ts). No sheet for an online session or a session nobody
// comes to on site: a French sentence says why, and nothing is written.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { pdfAttachment } from "~/documents/pdf.server";
import { renderSignInSheet, signInSheetFor } from "~/documents/sign-in-sheet.server";
import { getDb } from "~/utils/db.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSeriesRole(request, params.slug, "organiser");
  const number = /^\d{1,6}$/.test(params.number ?? "") ? Number(params.number) : NaN;
  const outcome = signInSheetFor(getDb(), params.slug ?? "", number);
  if (!outcome.ok) {
    throw new Response(outcome.message, {
      status: outcome.status,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
    });
  }
  return pdfAttachment(await renderSignInSheet(outcome.sheet), outcome.sheet.fileName);
}

/** Nothing to post here; the guard still comes first. */
export async function action({ request, params }: ActionFunctionArgs) {
  await requireSeriesRole(request, params.slug, "organiser");
  throw new Response("Méthode non autorisée", { status: 405, headers: { Allow: "GET" } });
}
