// The organisers' writes: a resource from the editor's form checked with the series file's rules
// (checkResource), then created or updated (saveResource, keeping its key), published or withdrawn
// (setPublished), or removed (deleteResource). Each write is one IMMEDIATE transaction with its audit
// entry and, when it publishes a session's recording, the registrants' emails.
import { asc, eq } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { audit } from "../accounts/audit.server";
import type { Account } from "../accounts/accounts.server";
import { formatPath, type FormatProblem } from "../series-file/series-format.server";
import { resourceProblems, resourceSchema, type ResourceFile } from "../series-file/resource-format.server";
import { frenchErrors } from "../series-file/format-fields.server";
import { deriveKeys, freeKey } from "./keys";
import { programmePoints, programmeShape, sessionPoints, type ProgrammePoint } from "./programme-points.server";
import { isRecordingPublication, queueRecordingEmails, recordingWaits } from "./recording-emails.server";
import { rowValues, seriesResource, type ResourceRow } from "./resource-row.server";

export type SaveInput = {
  /** The resource as the series file would write it (without key, which the server keeps). */
  resource: Record<string, unknown>;
  /** An upload to attach (already checked), or a request to remove the current file. */
  file?: { storedName: string; name: string; type: string; size: number } | null;
  removeFile?: boolean;
};

export type SaveOutcome =
  { ok: true; id: number; replacedFile: string | null; emails: number; waitsForEnd: boolean } | { ok: false; problems: FormatProblem[] };

/** A chapter linked to a point of the session's programme and left without a title takes the point's title. */
function chapterTitles(input: Record<string, unknown>, points: ProgrammePoint[] | undefined): Record<string, unknown> {
  if (!points || !Array.isArray(input.chapters)) return input;
  const chapters = input.chapters.map((c: Record<string, unknown>) => {
    const point = typeof c?.item === "string" ? points.find((p) => p.path === c.item) : undefined;
    return point && !String(c.title ?? "").trim() ? { ...c, title: point.title } : c;
  });
  return { ...input, chapters };
}

/**
 * Checks a resource from the back-office form with the file format's rules; paths as in the file
 * ("chapters[1].at"). A chapter linked to a programme point takes its title when none is typed.
 */
export function checkResource(
  db: AppDatabase,
  seriesId: number,
  input: Record<string, unknown>,
  hasFile: boolean,
): { ok: true; value: ResourceFile } | { ok: false; problems: FormatProblem[] } {
  const sessions = sessionPoints(db, seriesId);
  const given = typeof input.session === "number" ? sessions.find((s) => s.number === input.session) : undefined;
  const parsed = resourceSchema.safeParse(chapterTitles(input, given?.points), { errorMap: frenchErrors });
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => ({ path: formatPath(i.path) || "(ressource)", message: i.message })) };
  const value = parsed.data;
  const problems: FormatProblem[] = [];
  const session = value.session != null ? sessions.find((s) => s.number === value.session) : undefined;
  if (value.session != null && !session) problems.push({ path: "session", message: `aucune rencontre ne porte le numéro ${value.session}` });
  problems.push(...resourceProblems(value, session ? programmeShape(session.points) : null));
  // A compte rendu may be just its text (the description); the lists of présences follow it.
  const textOnly = (value.type === "bibliography" && value.references.length) || (value.type === "minutes" && value.description);
  if (!value.url && !hasFile && !textOnly) {
    problems.push({
      path: "url",
      message: "indiquez une adresse web ou joignez un fichier (une bibliographie peut n’avoir que ses références, un compte rendu que son texte)",
    });
  }
  if (value.type === "minutes" && value.session == null) {
    problems.push({ path: "session", message: "rattachez le compte rendu à sa rencontre : ses listes de présence en viennent" });
  }
  if (value.type !== "bibliography" && value.references.length) problems.push({ path: "references", message: "seules les bibliographies ont des références" });
  return problems.length ? { ok: false, problems } : { ok: true, value };
}

/**
 * Creates or updates a resource from the back-office, in one IMMEDIATE transaction with its audit
 * entry and, when it publishes a session's recording, the registrants' emails.
 */
export function saveResource(
  db: AppDatabase,
  by: Account,
  args: { seriesId: number; id: number | null; value: ResourceFile; file?: SaveInput["file"]; removeFile?: boolean; nowIso: string },
): SaveOutcome {
  return db.transaction(
    (tx) => {
      const sessions = tx.select().from(t.sessions).where(eq(t.sessions.seriesId, args.seriesId)).all();
      const sessionId = args.value.session != null ? (sessions.find((s) => s.number === args.value.session)?.id ?? null) : null;
      const itemId = sessionId !== null && args.value.item ? (programmePoints(tx, [sessionId]).find((p) => p.path === args.value.item)?.id ?? null) : null;
      const values = rowValues(args.value, sessionId, itemId);
      const all = tx
        .select({ id: t.resources.id, key: t.resources.key, title: t.resources.title, position: t.resources.position })
        .from(t.resources)
        .where(eq(t.resources.seriesId, args.seriesId))
        .orderBy(asc(t.resources.position), asc(t.resources.id))
        .all();
      const keys = deriveKeys(all);
      const fileValues =
        args.file !== undefined && args.file !== null
          ? { fileStoredName: args.file.storedName, fileName: args.file.name, fileType: args.file.type, fileSize: args.file.size }
          : args.removeFile
            ? { fileStoredName: null, fileName: null, fileType: null, fileSize: null }
            : {};
      let id: number;
      let before: ResourceRow | null = null;
      if (args.id !== null) {
        before = seriesResource(tx, args.seriesId, args.id);
        if (!before) return { ok: false as const, problems: [{ path: "(ressource)", message: "ressource introuvable" }] };
        id = before.id;
        const key = before.key ?? keys[all.findIndex((x) => x.id === before!.id)];
        tx.update(t.resources)
          .set({ ...values, ...fileValues, key, updatedAt: args.nowIso })
          .where(eq(t.resources.id, id))
          .run();
      } else {
        const key = freeKey(args.value.title, new Set(keys));
        const position = all.reduce((m, x) => Math.max(m, x.position + 1), 0);
        id = tx
          .insert(t.resources)
          .values({ seriesId: args.seriesId, key, position, ...values, ...fileValues, createdAt: args.nowIso, updatedAt: args.nowIso })
          .returning({ id: t.resources.id })
          .get().id;
      }
      const publication = isRecordingPublication(before, values);
      const emails = publication ? queueRecordingEmails(tx, id, sessionId!, args.nowIso) : 0;
      const waitsForEnd = publication && recordingWaits(tx, sessionId!, args.nowIso);
      audit(tx, by.id, before ? "update" : "create", "resource", id, {
        title: values.title,
        published: values.published,
        visibility: values.visibility,
        ...(args.file ? { file: args.file.name } : args.removeFile ? { file: null } : {}),
        ...(emails ? { recordingEmails: emails } : {}),
        ...(waitsForEnd ? { recordingEmailsAtEnd: true } : {}),
      });
      const replacedFile = before?.fileStoredName && (args.file || args.removeFile) ? before.fileStoredName : null;
      return { ok: true as const, id, replacedFile, emails, waitsForEnd };
    },
    { behavior: "immediate" },
  );
}

/** `waitsForEnd`: a recording published before its session ended; its emails leave at the end. */
export function setPublished(
  db: AppDatabase,
  by: Account,
  seriesId: number,
  id: number,
  published: boolean,
  nowIso: string,
): { ok: boolean; emails: number; waitsForEnd?: boolean } {
  return db.transaction(
    (tx) => {
      const before = seriesResource(tx, seriesId, id);
      if (!before) return { ok: false, emails: 0 };
      tx.update(t.resources).set({ published, updatedAt: nowIso }).where(eq(t.resources.id, id)).run();
      const publication = isRecordingPublication(before, { ...before, published });
      const emails = publication ? queueRecordingEmails(tx, id, before.sessionId!, nowIso) : 0;
      const waits = publication && recordingWaits(tx, before.sessionId!, nowIso);
      audit(tx, by.id, published ? "publish" : "unpublish", "resource", id, {
        title: before.title,
        ...(emails ? { recordingEmails: emails } : {}),
        ...(waits ? { recordingEmailsAtEnd: true } : {}),
      });
      return { ok: true, emails, waitsForEnd: waits };
    },
    { behavior: "immediate" },
  );
}

/** Removes a resource; returns its stored file (to delete once committed). */
export function deleteResource(db: AppDatabase, by: Account, seriesId: number, id: number): { ok: boolean; file: string | null } {
  return db.transaction(
    (tx) => {
      const before = seriesResource(tx, seriesId, id);
      if (!before) return { ok: false, file: null };
      tx.delete(t.resources).where(eq(t.resources.id, id)).run();
      audit(tx, by.id, "delete", "resource", id, { title: before.title });
      return { ok: true, file: before.fileStoredName };
    },
    { behavior: "immediate" },
  );
}
