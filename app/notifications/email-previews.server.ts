// Previews of every kind of email (app/notifications/email-kinds.ts), one case or more per kind, filled
// with data from the database (app/notifications/preview-samples.server.ts) and rendered by the
// dispatcher's own (pure) renderer, in a scratch in-memory copy of the database: opening them writes
// nothing.
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { and, asc, eq, ne } from "drizzle-orm";
import * as t from "../../db/schema";
import { applyPragmas, type AppDatabase } from "~/utils/db.server";
import { formatSessionWhen } from "~/utils/dates.server";
import { EMAIL_KIND_LABELS, type EmailKind } from "~/notifications/email-kinds.server";
import { registrationWithSession } from "./message-parts.server";
import { renderMessage } from "./messages.server";
import type { OutboxRow } from "./outbox.server";
import { messageSample, newsletterSample, onsiteSample, pickRegistration, recordingSample } from "./preview-samples.server";
import type { Account } from "../accounts/accounts.server";
import { describeReminder as reminderWhen } from "~/reminders/reminder-timing";
import { lastReminderDueAt, reminderDueAt, type ReminderPayload } from "~/reminders/reminders.server";
import { surveySample } from "~/surveys/survey-preview.server";
import type { SurveyPayload } from "./survey-messages.server";
import { certificateSample } from "~/certificates/certificate-preview.server";

export type Preview = {
  kind: string;
  label: string;
  /** What the example shows (which case, which data). */
  note: string;
} & ({ subject: string; text: string; html: string; attachments: string[] } | { unavailable: string });

export type PreviewSet = {
  /** Where the data comes from, in French, for the page. */
  source: string;
  sample: boolean;
  previews: Preview[];
};

/**
 * Every kind of email, rendered by the dispatcher's own renderer from synthetic outbox rows about real
 * data. Rendering only reads (app/notifications/messages.server.ts) and the links it would carry are not
 * made: the previews show a placeholder token. The sample rows some cases need (a fictional person, a
 * registration to the session with a recording or on site) are written to a scratch in-memory copy
 * of the database, never to the database itself: opening the previews writes nothing.
 */
export function renderPreviews(db: AppDatabase, ctx: { appUrl: string; nowIso: string; account: Pick<Account, "id" | "email" | "name"> }): PreviewSet {
  const image = db.$client.serialize();
  // A WAL database's image says so (header bytes 18–19); in memory it must be a plain journal one.
  image[18] = image[19] = 1;
  const scratch = new Database(image);
  try {
    applyPragmas(scratch);
    return buildPreviews(drizzle(scratch) as AppDatabase, ctx);
  } finally {
    scratch.close();
  }
}

/** The previewing account as a viewer of the series, in the scratch copy (it may be an administrator, with no team role). */
function teamSample(db: AppDatabase, accountId: number, seriesId: number): number {
  db.insert(t.seriesMembers).values({ accountId, seriesId, role: "viewer" }).onConflictDoNothing().run();
  return accountId;
}

/** The token shown in previews' links: not a real one (nothing is made), so they open nothing. */
export const PREVIEW_TOKEN = "apercu-lien-non-valable";

function buildPreviews(db: AppDatabase, ctx: { appUrl: string; nowIso: string; account: Pick<Account, "id" | "email" | "name"> }): PreviewSet {
  const picked = pickRegistration(db, ctx.nowIso);
  const target = registrationWithSession(db, picked.registrationId)!;
  // The confirmation lists every live registration of that person in the series.
  const sameSeries = db
    .select({ id: t.registrations.id })
    .from(t.registrations)
    .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
    .where(and(eq(t.registrations.participantId, picked.participantId), eq(t.sessions.seriesId, picked.seriesId), ne(t.registrations.status, "cancelled")))
    .orderBy(asc(t.sessions.startsAt))
    .all()
    .map((r) => r.id);
  const when = formatSessionWhen(target.s.startsAt, target.s.endsAt, target.series.timezone);
  const rdv = `RDV #${target.s.number}`;

  const row = (kind: EmailKind, extra: Partial<OutboxRow>): OutboxRow => ({
    id: 0,
    kind,
    dedupeKey: `apercu:${kind}`,
    participantId: picked.participantId,
    sessionId: null,
    seriesId: target.series.id,
    toAddress: picked.email,
    payload: {},
    dueAt: ctx.nowIso,
    status: "pending",
    attempts: 0,
    nextAttemptAt: ctx.nowIso,
    leaseUntil: null,
    leaseOwner: null,
    lastError: null,
    subject: null,
    messageId: null,
    sentAt: null,
    createdAt: ctx.nowIso,
    ...extra,
  });
  const inviter = ctx.account.name ?? ctx.account.email;
  const recording = recordingSample(db, picked.participantId, ctx.nowIso);
  const onsite = onsiteSample(db, picked.participantId, ctx.nowIso);
  const configured = db
    .select()
    .from(t.seriesReminders)
    .where(and(eq(t.seriesReminders.seriesId, target.series.id), eq(t.seriesReminders.enabled, true)))
    .orderBy(asc(t.seriesReminders.position))
    .all();
  const last = lastReminderDueAt(target.s.startsAt, target.series.timezone, configured);
  const reminders = configured.map((r) => ({ ...r, isLast: last !== null && reminderDueAt(target.s.startsAt, target.series.timezone, r) === last }));
  const letter = newsletterSample(db, ctx.nowIso);
  const survey = surveySample(db, { registrationId: picked.registrationId, sessionId: target.s.id }, ctx.nowIso);
  const sampleMessage = messageSample(db, target.series.id, target.s.id, ctx.nowIso);
  // Last: it marks the previewed registration présent·e (in the scratch copy).
  const certificate = certificateSample(db, { registrationId: picked.registrationId, seriesId: target.series.id }, ctx.nowIso);
  type Case = { kind: string; label: string; note: string; row: OutboxRow };
  const L = EMAIL_KIND_LABELS;
  // One entry per kind (the compiler asks for a new kind's preview), shown in this order.
  const byKind: Record<EmailKind, Case[]> = {
    confirmation: [
      {
        kind: "confirmation",
        label: L.confirmation,
        note: "Après le formulaire d’inscription : une ligne par rencontre choisie.",
        row: row("confirmation", { payload: { seriesId: picked.seriesId, registrationIds: sameSeries, alreadyIds: [] } }),
      },
    ],
    promotion: [
      {
        kind: "promotion",
        label: L.promotion,
        note: `Quand une place se libère et que la personne quitte la liste d’attente (${rdv}).`,
        row: row("promotion", { sessionId: target.s.id, payload: { registrationId: picked.registrationId } }),
      },
    ],
    "personal-link": [
      {
        kind: "personal-link",
        label: L["personal-link"],
        note: "Quand la personne redemande le lien de son espace.",
        row: row("personal-link", {}),
      },
    ],
    "access-codes": [
      {
        kind: "access-codes",
        label: L["access-codes"],
        note: `Envoyé ${target.series.accessDaysBefore === 0 ? "le jour" : `${target.series.accessDaysBefore} jour(s) avant`} la rencontre, à ${target.series.accessSendAt}, aux inscrit·es confirmé·es (${rdv}, ${when}).`,
        row: row("access-codes", { sessionId: target.s.id, payload: { registrationId: picked.registrationId } }),
      },
    ],
    correction: [
      {
        kind: "correction",
        label: L.correction,
        note: "Exemple : l’horaire et les codes de connexion ont changé après l’envoi des codes.",
        row: row("correction", { sessionId: target.s.id, payload: { registrationId: picked.registrationId, changes: ["time", "access"] } }),
      },
    ],
    "practical-info": onsite
      ? [
          {
            kind: "practical-info",
            label: L["practical-info"],
            note: "Envoyé à la même heure que les codes, à qui vient sur place (rencontre en présentiel, ou hybride choisie « sur place ») : l’adresse, l’accès, l’accessibilité, le contact ; jamais les codes.",
            row: row("practical-info", { sessionId: onsite.sessionId, payload: { registrationId: onsite.registrationId } }),
          },
        ]
      : [],
    "session-cancelled": [
      {
        kind: "session-cancelled",
        label: L["session-cancelled"],
        note: `Si la rencontre ${rdv} était annulée (exemple : elle ne l’est pas).`,
        row: row("session-cancelled", { sessionId: target.s.id, payload: { registrationId: picked.registrationId } }),
      },
    ],
    "session-postponed": [
      {
        kind: "session-postponed",
        label: L["session-postponed"],
        note: `Si la rencontre ${rdv} était reportée (exemple : la date affichée est sa date actuelle).`,
        row: row("session-postponed", { sessionId: target.s.id, payload: { registrationId: picked.registrationId } }),
      },
    ],
    reminder: reminders.map((r) => ({
      kind: `reminder:${r.key}`,
      label: `${L.reminder} (${reminderWhen(r)})`,
      note: `Envoyé aux inscrit·es confirmé·es avant ${rdv}${r.isLast ? ", le dernier avant la rencontre : il redonne les codes ou les informations pratiques" : ""}.`,
      row: row("reminder", {
        sessionId: target.s.id,
        payload: { registrationId: picked.registrationId, reminderKey: r.key, startsAt: target.s.startsAt, final: r.isLast } satisfies ReminderPayload,
      }),
    })),
    "recording-available": recording
      ? [
          {
            kind: "recording-available",
            label: L["recording-available"],
            note: "Quand l’enregistrement d’une rencontre est publié : une fois par inscrit·e confirmé·e de cette rencontre.",
            row: row("recording-available", {
              sessionId: recording.sessionId,
              payload: { resourceId: recording.resourceId, registrationId: recording.registrationId },
            }),
          },
        ]
      : [],
    survey: [
      {
        kind: "survey",
        label: L.survey,
        note: `Envoyé après la fin d’une rencontre, au délai choisi, aux personnes marquées présentes (ou à tous les inscrit·es confirmé·es si la présence n’est pas saisie)${survey.sample ? " ; exemple de questionnaire" : ""}.`,
        row: row("survey", {
          sessionId: survey.sessionId,
          payload: { surveyId: survey.surveyId, registrationId: survey.registrationId } satisfies SurveyPayload,
        }),
      },
    ],
    "sign-in": [
      {
        kind: "sign-in",
        label: L["sign-in"],
        note: `Lien de connexion à l’espace organisateurs, ici pour votre propre compte (${ctx.account.email}).`,
        row: row("sign-in", { participantId: null, toAddress: ctx.account.email, payload: { organiserId: ctx.account.id } }),
      },
      {
        kind: "invitation",
        label: "Invitation d’un organisateur",
        note: `Invitation envoyée par un administrateur (ici : ${inviter}), adressée pour l’exemple à votre propre compte.`,
        row: row("sign-in", {
          dedupeKey: "apercu:invitation",
          participantId: null,
          toAddress: ctx.account.email,
          payload: { organiserId: ctx.account.id, invitedBy: inviter },
        }),
      },
    ],
    "newsletter-confirmation": [
      {
        kind: "newsletter-confirmation",
        label: L["newsletter-confirmation"],
        note: "Après une demande d’abonnement à la lettre (bibliothèque ou formulaire d’inscription) : rien d’autre n’est envoyé tant que la personne n’a pas confirmé.",
        row: row("newsletter-confirmation", { participantId: null, toAddress: letter.pending.email, payload: { subscriberId: letter.pending.id } }),
      },
    ],
    newsletter: [
      {
        kind: "newsletter",
        label: L.newsletter,
        note: "La lettre en préparation telle qu’une personne abonnée la recevrait : les ressources publiques publiées depuis la dernière lettre, par type.",
        row: row("newsletter", {
          participantId: null,
          toAddress: letter.confirmed.email,
          payload: { newsletterId: letter.draftId, subscriberId: letter.confirmed.id },
        }),
      },
    ],
    message: [
      {
        kind: "message",
        label: L.message,
        note: `Écrit par les organisateurs dans « Messages » (ici un exemple : une information de service aux inscrit·es de ${rdv}).`,
        row: row("message", { sessionId: target.s.id, payload: { messageId: sampleMessage } }),
      },
    ],
    certificate: [
      {
        kind: "certificate",
        label: L.certificate,
        note: `Envoyé une fois aux personnes notées présentes, le lendemain de la rencontre à 9 h (ou dès la saisie, si elle est plus tardive), quand la série envoie ses attestations par e-mail${certificate.sample ? "\u00a0; exemple de signataire" : ""}. L’attestation est jointe en PDF.`,
        row: row("certificate", { sessionId: target.s.id, payload: { registrationId: certificate.registrationId } }),
      },
    ],
    "team-invitation": [
      {
        kind: "team-invitation",
        label: L["team-invitation"],
        note: `Envoyée quand un·e organisateur·rice invite quelqu’un dans l’équipe d’une série (ici : « ${target.series.title} », rôle lecteur·rice), adressée pour l’exemple à votre propre compte.`,
        row: row("team-invitation", {
          participantId: null,
          toAddress: ctx.account.email,
          payload: { organiserId: teamSample(db, ctx.account.id, target.series.id), seriesId: target.series.id, invitedBy: inviter },
        }),
      },
    ],
  };
  const cases = Object.values(byKind).flat();

  const previews = cases.map(({ kind, label, note, row: r }): Preview => {
    try {
      const draft = renderMessage(db, r, { appUrl: ctx.appUrl, nowIso: ctx.nowIso });
      if ("skip" in draft) return { kind, label, note, unavailable: `Ce message ne serait pas envoyé dans ce cas : ${draft.reason}.` };
      const m = draft.complete(PREVIEW_TOKEN);
      return { kind, label, note, subject: m.subject, text: m.text, html: m.html, attachments: (m.attachments ?? []).map((a) => a.filename) };
    } catch (error) {
      return { kind, label, note, unavailable: `Aperçu impossible : ${(error as Error).message}` };
    }
  });
  return { source: picked.source, sample: picked.sample, previews };
}
