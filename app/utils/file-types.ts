// The file types organisers may upload for resources, and byte sizes in French. Client-safe (the
// back-office form shows them); reading a file's type from its content is in uploads.server.ts.

export type FileKind = { mime: string; ext: string; label: string; media: "video" | "audio" | null };

export const KINDS = {
  pdf: { mime: "application/pdf", ext: "pdf", label: "PDF", media: null },
  png: { mime: "image/png", ext: "png", label: "image PNG", media: null },
  jpeg: { mime: "image/jpeg", ext: "jpg", label: "image JPEG", media: null },
  gif: { mime: "image/gif", ext: "gif", label: "image GIF", media: null },
  webp: { mime: "image/webp", ext: "webp", label: "image WebP", media: null },
  mp3: { mime: "audio/mpeg", ext: "mp3", label: "audio MP3", media: "audio" },
  m4a: { mime: "audio/mp4", ext: "m4a", label: "audio M4A", media: "audio" },
  mp4: { mime: "video/mp4", ext: "mp4", label: "vidéo MP4", media: "video" },
  webm: { mime: "video/webm", ext: "webm", label: "vidéo WebM", media: "video" },
  ogg: { mime: "audio/ogg", ext: "ogg", label: "audio Ogg", media: "audio" },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ext: "docx", label: "Word", media: null },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ext: "xlsx", label: "Excel", media: null },
  pptx: { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", ext: "pptx", label: "PowerPoint", media: null },
  odt: { mime: "application/vnd.oasis.opendocument.text", ext: "odt", label: "OpenDocument texte", media: null },
  ods: { mime: "application/vnd.oasis.opendocument.spreadsheet", ext: "ods", label: "OpenDocument tableur", media: null },
  odp: { mime: "application/vnd.oasis.opendocument.presentation", ext: "odp", label: "OpenDocument présentation", media: null },
} satisfies Record<string, FileKind>;

export const ACCEPTED_TYPES_TEXT =
  "PDF, images (PNG, JPEG, GIF, WebP), audio et vidéo (MP3, M4A, MP4, WebM, Ogg), documents Word, Excel, PowerPoint et OpenDocument";

/** Every type we accept, by MIME type (for the `accept` attribute and for serving). */
export const ACCEPTED_MIME = Object.values(KINDS).map((k) => k.mime);

export function kindByMime(mime: string | null | undefined): FileKind | null {
  return Object.values(KINDS).find((k) => k.mime === mime) ?? null;
}

export function formatBytes(n: number): string {
  const fmt = (v: number) => new Intl.NumberFormat("fr-FR", { maximumFractionDigits: v < 10 ? 1 : 0 }).format(v);
  if (n < 1024) return `${n}\u00a0octets`;
  if (n < 1024 * 1024) return `${fmt(n / 1024)}\u00a0Ko`;
  if (n < 1024 * 1024 * 1024) return `${fmt(n / 1024 / 1024)}\u00a0Mo`;
  return `${fmt(n / 1024 / 1024 / 1024)}\u00a0Go`;
}
