// Files that organisers upload for resources. The type is read from the content (magic numbers),
// never from the name or the browser's claim; files are stored under the data folder (next to the
// database file, `fichiers/`) with generated names, and served with the detected type.
import { randomBytes } from "node:crypto";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  closeSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
} from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { unstable_composeUploadHandlers, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import type { AppDatabase } from "~/utils/db.server";
import { ACCEPTED_TYPES_TEXT, KINDS, formatBytes, type FileKind } from "~/utils/file-types";

export { ACCEPTED_MIME, ACCEPTED_TYPES_TEXT, formatBytes, kindByMime, type FileKind } from "~/utils/file-types";

const starts = (b: Buffer, sig: number[] | string, at = 0) => {
  const bytes = typeof sig === "string" ? Buffer.from(sig, "latin1") : Buffer.from(sig);
  return b.length >= at + bytes.length && b.subarray(at, at + bytes.length).equals(bytes);
};

/** How many leading bytes `sniff` needs to decide. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * The type of a file from its first bytes, or null when it is not one we accept (an HTML page named
 * "rapport.pdf" is refused: it does not start with "%PDF-").
 */
export function sniff(head: Buffer): FileKind | null {
  if (starts(head, "%PDF-")) return KINDS.pdf;
  if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return KINDS.png;
  if (starts(head, [0xff, 0xd8, 0xff])) return KINDS.jpeg;
  if (starts(head, "GIF87a") || starts(head, "GIF89a")) return KINDS.gif;
  if (starts(head, "RIFF") && starts(head, "WEBP", 8)) return KINDS.webp;
  if (starts(head, "ID3") || (head.length > 2 && head[0] === 0xff && (head[1] & 0xe6) === 0xe2)) return KINDS.mp3;
  if (starts(head, "ftyp", 4)) return /^M4A |^M4B /.test(head.subarray(8, 12).toString("latin1")) ? KINDS.m4a : KINDS.mp4;
  if (starts(head, [0x1a, 0x45, 0xdf, 0xa3])) return KINDS.webm;
  if (starts(head, "OggS")) return KINDS.ogg;
  if (starts(head, [0x50, 0x4b, 0x03, 0x04])) {
    // Office files are ZIP archives: their first entries name what they are.
    const text = head.toString("latin1");
    const odf = /^PK\x03\x04[\s\S]{26}mimetype(application\/vnd\.oasis\.opendocument\.(text|spreadsheet|presentation))/.exec(text);
    if (odf) return odf[2] === "text" ? KINDS.odt : odf[2] === "spreadsheet" ? KINDS.ods : KINDS.odp;
    if (text.includes("[Content_Types].xml") || /(word|xl|ppt)\//.test(text)) {
      if (text.includes("word/")) return KINDS.docx;
      if (text.includes("xl/")) return KINDS.xlsx;
      if (text.includes("ppt/")) return KINDS.pptx;
    }
  }
  return null;
}

/** The uploads folder: `fichiers/` next to the database file (none for an in-memory database). */
export function uploadsFolder(db: AppDatabase): string | null {
  const name = db.$client.name;
  if (!name || name === ":memory:") return null;
  return path.join(path.dirname(path.resolve(name)), "fichiers");
}

const STORED = /^[a-f0-9]{32}\.[a-z0-9]{2,5}$/;
const PENDING = /^[a-f0-9]{32}\.part$/;

export function storedPath(db: AppDatabase, storedName: string): string | null {
  const dir = uploadsFolder(db);
  if (!dir || !STORED.test(storedName)) return null;
  return path.join(dir, storedName);
}

/** An upload received with a form: kept in `fichiers/.en-cours/` until the resource is saved. */
export type Upload = { ok: true; pending: string; originalName: string; size: number; kind: FileKind } | { ok: false; error: string; originalName: string };

export type UploadState = { upload: Upload | null };

const pendingFolder = (dir: string) => path.join(dir, ".en-cours");

/** The original name without its path, with the extension of the type found in the content. */
export function cleanFileName(name: string, kind: FileKind): string {
  const stem =
    name
      .replace(/[\x00-\x1f\x7f"\\/]/g, "")
      .replace(/\.[A-Za-z0-9]{1,5}$/, "")
      .trim()
      .slice(0, 120) || "fichier";
  return `${stem}.${kind.ext}`;
}

/**
 * Receives the form's `file` part: streams it to a pending file while counting bytes, stops writing
 * beyond `maxBytes` (the rest of the request is still read, so that the other fields arrive and the
 * form can be shown again with them), and reads the type from the first bytes. The outcome goes to
 * `state`, never into the form data (a client could send a text field named `file`).
 */
export function resourceUploadHandler(db: AppDatabase, maxBytes: number, state: UploadState): UploadHandler {
  return async ({ name, filename, data }) => {
    if (name !== "file") return undefined;
    if (!filename) {
      for await (const _ of data) void _;
      return "";
    }
    const dir = uploadsFolder(db);
    if (!dir) throw new Error("pas de dossier de fichiers pour une base en mémoire");
    mkdirSync(pendingFolder(dir), { recursive: true });
    const pending = `${randomBytes(16).toString("hex")}.part`;
    const file = path.join(pendingFolder(dir), pending);
    const out = createWriteStream(file);
    const head: Buffer[] = [];
    let headBytes = 0;
    let size = 0;
    let tooBig = false;
    for await (const chunk of data) {
      size += chunk.length;
      if (size > maxBytes * 10) {
        out.destroy();
        safeUnlink(file);
        throw new Response("Fichier beaucoup trop volumineux", { status: 413 });
      }
      if (tooBig) continue;
      if (size > maxBytes) {
        tooBig = true;
        out.end();
        continue;
      }
      if (headBytes < SNIFF_BYTES) {
        head.push(Buffer.from(chunk));
        headBytes += chunk.length;
      }
      if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
    }
    if (!tooBig) out.end();
    await finished(out).catch(() => undefined);
    const originalName = path.basename(filename.replace(/\\/g, "/"));
    if (tooBig) {
      safeUnlink(file);
      state.upload = { ok: false, originalName, error: `Le fichier dépasse la taille maximale de ${formatBytes(maxBytes)} (${formatBytes(size)} reçus).` };
      return "";
    }
    if (size === 0) {
      safeUnlink(file);
      state.upload = { ok: false, originalName, error: "Le fichier envoyé est vide." };
      return "";
    }
    const kind = sniff(Buffer.concat(head));
    if (!kind) {
      safeUnlink(file);
      state.upload = {
        ok: false,
        originalName,
        error: `Le contenu de « ${originalName} » n’est pas d’un type accepté, quel que soit son nom. Types acceptés : ${ACCEPTED_TYPES_TEXT}.`,
      };
      return "";
    }
    state.upload = { ok: true, pending, originalName, size, kind };
    return "";
  };
}

/**
 * A resource form's fields, and its upload when the form is multipart (the file part goes through
 * resourceUploadHandler, the other fields stay in memory).
 */
export async function formWithUpload(db: AppDatabase, request: Request, maxBytes: number): Promise<{ form: FormData; upload: Upload | null }> {
  const state: UploadState = { upload: null };
  const multipart = (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
  const form = multipart
    ? await unstable_parseMultipartFormData(
        request,
        unstable_composeUploadHandlers(resourceUploadHandler(db, maxBytes, state), unstable_createMemoryUploadHandler({ maxPartSize: 2_000_000 })),
      )
    : await request.formData();
  return { form, upload: state.upload };
}

/** An upload received with an earlier submission of the same form (its value kept in a hidden field). */
export function pendingUpload(db: AppDatabase, pending: string, originalName: string): Upload | null {
  const dir = uploadsFolder(db);
  if (!dir || !PENDING.test(pending)) return null;
  const file = path.join(pendingFolder(dir), pending);
  if (!existsSync(file)) return null;
  const size = statSync(file).size;
  const fd = openSync(file, "r");
  const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
  readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const kind = sniff(head);
  if (!kind) return null;
  return { ok: true, pending, originalName: path.basename(originalName || "fichier"), size, kind };
}

/** Moves a pending upload to its final, generated name; returns that name. */
export function keepUpload(db: AppDatabase, upload: Extract<Upload, { ok: true }>): string {
  const dir = uploadsFolder(db)!;
  const stored = `${randomBytes(16).toString("hex")}.${upload.kind.ext}`;
  renameSync(path.join(pendingFolder(dir), upload.pending), path.join(dir, stored));
  return stored;
}

export function removeStored(db: AppDatabase, storedNames: (string | null | undefined)[]): void {
  for (const name of storedNames) {
    const file = name ? storedPath(db, name) : null;
    if (file) safeUnlink(file);
  }
}

/** Pending uploads older than a day are forms that were never sent again. */
export function sweepPending(db: AppDatabase, nowMs: number): void {
  const dir = uploadsFolder(db);
  if (!dir || !existsSync(pendingFolder(dir))) return;
  for (const name of readdirSync(pendingFolder(dir))) {
    const file = path.join(pendingFolder(dir), name);
    if (nowMs - statSync(file).mtimeMs > 24 * 3600 * 1000) safeUnlink(file);
  }
}

function safeUnlink(file: string) {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/** "attachment; filename="rapport.pdf"; filename*=UTF-8''rapport%20%C3%A9t%C3%A9.pdf" (RFC 6266). */
export function contentDisposition(kind: "attachment" | "inline", name: string): string {
  const fallback = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export type StoredFile = { storedName: string; name: string; type: string; size: number };

/**
 * The response for a stored file: its detected type, a download name, its length, byte ranges (so
 * that audio and video can be sought), and no sniffing or scripting by the browser.
 */
export function fileResponse(db: AppDatabase, request: Request, file: StoredFile, options: { inline: boolean; cacheControl: string }): Response {
  const full = storedPath(db, file.storedName);
  if (!full || !existsSync(full)) throw new Response("Fichier introuvable", { status: 404 });
  const size = statSync(full).size;
  const headers = new Headers({
    "Content-Type": file.type,
    "Content-Disposition": contentDisposition(options.inline ? "inline" : "attachment", file.name),
    "Accept-Ranges": "bytes",
    "Cache-Control": options.cacheControl,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  });
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get("range") ?? "");
  let start = 0;
  let endByte = size - 1;
  let status = 200;
  if (range && (range[1] || range[2])) {
    if (range[1]) {
      start = Number(range[1]);
      if (range[2]) endByte = Math.min(Number(range[2]), size - 1);
    } else start = Math.max(0, size - Number(range[2]));
    if (start > endByte || start >= size) {
      return new Response(null, { status: 416, headers: { "Content-Range": `bytes */${size}` } });
    }
    status = 206;
    headers.set("Content-Range", `bytes ${start}-${endByte}/${size}`);
  }
  headers.set("Content-Length", String(endByte - start + 1));
  if (request.method === "HEAD") return new Response(null, { status, headers });
  const stream = Readable.toWeb(createReadStream(full, { start, end: endByte })) as unknown as ReadableStream;
  return new Response(stream, { status, headers });
}
