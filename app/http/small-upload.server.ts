// A small file posted with a back-office form (a series file, a Zoom report): the multipart body read
// into memory, each part refused past `maxBytes` (the request's whole body is already bounded before
// Remix reads it: app/http/http-policy.server.ts). Larger files (resources) are streamed to disk by
// app/resources/uploads.server.ts instead.
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";

export type SmallUpload = { ok: true; form: FormData } | { ok: false; reason: "too-large" | "unreadable" };

/** The posted form; only the parts named in `fields` are kept when it is given. */
export async function readSmallUpload(request: Request, maxBytes: number, fields?: string[]): Promise<SmallUpload> {
  try {
    const handler = unstable_createMemoryUploadHandler({ maxPartSize: maxBytes, filter: fields ? ({ name }) => fields.includes(name) : undefined });
    return { ok: true, form: await unstable_parseMultipartFormData(request, handler) };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, reason: "too-large" };
    return { ok: false, reason: "unreadable" };
  }
}
