// The check-in codes a person sees in their personal space (/moi/<token>): one per confirmed on-site
// registration of a published session not over yet, with its QR. Read only (the codes are made with
// the registrations, app/check-in/check-in-codes.server.ts).
import { and, eq, gt, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { prepared } from "~/utils/prepared.server";
import { participationOf } from "~/utils/formats";
import { formatCode } from "./check-in-codes.server";
import { checkInQrSvgUri } from "./check-in-qr.server";

export type PersonalCheckIn = { registrationId: number; number: number; title: string; seriesTitle: string; code: string; qr: string };

export function personalCheckIns(db: AppDatabase, participantId: number, nowIso: string): PersonalCheckIn[] {
  // Prepared once per connection: every personal page asks.
  return prepared(db, "check-ins.ofParticipant", (d) =>
    d
      .select({ r: t.registrations, s: t.sessions, seriesTitle: t.series.title, code: t.checkIns.code })
      .from(t.registrations)
      .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
      .innerJoin(t.series, eq(t.series.id, t.sessions.seriesId))
      .innerJoin(t.checkIns, eq(t.checkIns.registrationId, t.registrations.id))
      .where(
        and(
          eq(t.registrations.participantId, sql.placeholder("participantId")),
          eq(t.registrations.status, "confirmed"),
          eq(t.sessions.status, "published"),
          gt(t.sessions.endsAt, sql.placeholder("nowIso")),
        ),
      )
      .orderBy(t.sessions.startsAt)
      .prepare(),
  )
    .all({ participantId, nowIso })
    .filter((x) => participationOf(x.s.mode, x.r.participation) === "onsite")
    .map((x) => ({
      registrationId: x.r.id,
      number: x.s.number,
      title: x.s.title,
      seriesTitle: x.seriesTitle,
      code: formatCode(x.code),
      qr: checkInQrSvgUri(x.code),
    }));
}
