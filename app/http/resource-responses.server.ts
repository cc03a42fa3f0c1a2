// Responses shared by the public routes (/ressources/<id>…) and the personal-link ones
// (/moi/<token>/ressources/<id>…): a resource's file, and a bibliography as RIS or BibTeX.
import type { AppDatabase } from "~/utils/db.server";
import { toBibtex, toRis } from "~/utils/references";
import type { ResourceRow } from "../resources/resource-row.server";
import { fileResponse } from "../resources/uploads.server";

const notFound = () =>
  new Response("Ressource introuvable", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** The uploaded file, inline for playback (`?lecture=1`) or as a download; 304 when unchanged. */
export function resourceFile(db: AppDatabase, request: Request, row: ResourceRow | null, cacheControl: string): Response {
  if (!row?.fileStoredName || !row.fileName || !row.fileType || row.fileSize === null) return notFound();
  const etag = `"${row.fileStoredName}"`;
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers: { ETag: etag, "Cache-Control": cacheControl } });
  const inline = new URL(request.url).searchParams.get("lecture") === "1";
  const response = fileResponse(
    db,
    request,
    { storedName: row.fileStoredName, name: row.fileName, type: row.fileType, size: row.fileSize },
    { inline, cacheControl },
  );
  response.headers.set("ETag", etag);
  return response;
}

/** A bibliography's references in RIS or BibTeX (404 for any other resource). */
export function bibliographyExport(row: (ResourceRow & { seriesSlug: string }) | null, format: "ris" | "bib", pageUrl: string, cacheControl: string): Response {
  if (!row || row.type !== "bibliography" || !row.references.length) return notFound();
  const source = { title: row.title, url: pageUrl };
  const body = format === "ris" ? toRis(row.references, source) : toBibtex(row.references, source);
  const name = `${row.key ?? `bibliographie-${row.id}`}.${format === "ris" ? "ris" : "bib"}`;
  return new Response(body, {
    headers: {
      "Content-Type": format === "ris" ? "application/x-research-info-systems; charset=utf-8" : "application/x-bibtex; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": cacheControl,
    },
  });
}
