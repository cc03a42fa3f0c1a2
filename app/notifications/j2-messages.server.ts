// The J-2 email and its rectificatif: the access codes for whoever joins remotely, the practical
// information for whoever comes on site (decided at sending time, app/utils/formats.ts), with the
// registrant's own calendar copy; skipped once the session is over, has started before the send
// (app/access-codes/access-codes.server.ts) or is no longer published.
import { EMAIL_KIND_SPECS as EMAILS } from "~/notifications/email-kinds.server";
import { isMissed } from "../access-codes/access-codes.server";
import { placeLine, type SessionBefore } from "../series/sessions.server";
import { seriesRules } from "../series/series-texts.server";
import { accessInfoOf, venueOf } from "../series/session-access.server";
import type { AppDatabase } from "~/utils/db.server";
import { formatSessionWhen } from "~/utils/dates.server";
import { participationOf, receivesAccessCodes } from "~/utils/formats";
import { checkInOf, formatCode } from "../check-in/check-in-codes.server";
import { CHECK_IN_QR_CID, checkInQrPng } from "../check-in/check-in-qr.server";
import { icsAttachment, privateSessionIcs } from "./message-calendars.server";
import { registrationWithSession, sessionInfo, skip, type Draft, type Skip, type ToParticipant } from "./message-parts.server";

/** Same for every registrant of a series until the series changes: computed once per version. */
const rulesCache = new Map<string, string[]>();
export function rulesOf(db: AppDatabase, series: { id: number; updatedAt: string }): string[] {
  const key = `${series.id}|${series.updatedAt}`;
  let rules = rulesCache.get(key);
  if (!rules) {
    if (rulesCache.size > 200) rulesCache.clear();
    rules = seriesRules(db, series.id);
    rulesCache.set(key, rules);
  }
  return rules;
}

/** A session's place as the templates show it. */

/** The J-2 kinds and the rectificatif, rendered alike. */
export function renderJ2({ db, row, ctx, participant, draft, message }: ToParticipant, kind: "access-codes" | "practical-info" | "correction"): Draft | Skip {
  const { registrationId, changes, before } = row.payload as { registrationId: number; changes?: string[]; before?: SessionBefore };
  const found = registrationWithSession(db, registrationId);
  if (!found || found.r.status !== "confirmed") return skip("inscription plus confirmée");
  if (found.s.status !== "published") return skip("rencontre annulée ou reportée");
  if (found.s.endsAt <= ctx.nowIso) return skip("rencontre terminée", "missed");
  if (isMissed(row, found.s, ctx.nowIso)) return skip("la rencontre a commencé avant l’envoi", "missed");
  const access = accessInfoOf(found.access);
  const correction = kind === "correction" ? (changes?.length ? changes : ["access"]) : undefined;
  // Whoever comes on site gets the practical information, never the codes (app/utils/formats.ts):
  // decided by the participation at sending time, whatever the J-2 kind the row was queued under.
  const remote = receivesAccessCodes(participationOf(found.s.mode, found.r.participation));
  if (!remote && kind === "correction" && !correction?.some((c) => c !== "access")) return skip("codes changés, sans objet pour une venue sur place");
  // On site: the personal check-in code and its QR, attached inline (app/check-in/); nothing to
  // send to someone already welcomed at the door (a walk-in, or an arrival before the email left).
  const door = remote ? undefined : checkInOf(db, registrationId);
  if (door?.checkedInAt) return skip("déjà accueilli·e à l’entrée");
  const rules = rulesOf(db, found.series);
  // « ancien → nouveau » for what the rectificatif is about (app/series/sessions.server.ts).
  const changed = before
    ? [
        ...(changes?.includes("time")
          ? [{ label: "Date et horaire", from: before.when, to: formatSessionWhen(found.s.startsAt, found.s.endsAt, found.series.timezone) }]
          : []),
        ...(changes?.includes("place") ? [{ label: "Lieu", from: before.place, to: placeLine(found.s) }] : []),
      ].filter((c) => c.from !== c.to)
    : undefined;
  const ics = privateSessionIcs(db, found.s, found.series, remote ? access : null, ctx);
  const code = door?.code;
  const checkIn = code ? { code: formatCode(code), qrCid: CHECK_IN_QR_CID } : undefined;
  return draft((token) => {
    const common = {
      firstName: participant.firstName,
      seriesTitle: found.series.title,
      session: sessionInfo(found.s, found.series, ctx.appUrl),
      rules,
      personalUrl: `${ctx.appUrl}/moi/${token}`,
      changes: correction,
      changed,
    };
    const content = EMAILS[kind].template(
      remote
        ? { remote, ...common, access }
        : {
            remote,
            ...common,
            changes: common.changes?.filter((c) => c !== "access"),
            venue: venueOf(found.s),
            checkIn,
          },
    );
    const qr = code ? [{ filename: "code-accueil.png", contentType: "image/png", content: checkInQrPng(code), cid: CHECK_IN_QR_CID }] : [];
    return message(token, content, found.series.slug, [icsAttachment(found.s, ics), ...qr]);
  });
}
