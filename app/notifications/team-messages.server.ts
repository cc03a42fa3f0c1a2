// The invitation into a series' team (kind "team-invitation"): rendered afresh at send time (the
// series' current title, the member's current role); skipped once the person left the team or their
// account was disabled. It carries a sign-in token like the sign-in email, made by the prepare step.
import { and, eq } from "drizzle-orm";
import * as t from "../../db/schema";
import { SIGN_IN_MINUTES } from "~/accounts/accounts.server";
import { SERIES_ROLE_LABELS, SERIES_ROLE_NOTES } from "~/accounts/series-roles";
import { EMAIL_KIND_SPECS as EMAILS } from "~/notifications/email-kinds.server";
import type { AppDatabase } from "~/utils/db.server";
import type { OutboxRow } from "./outbox.server";
import { messageIdFor, skip, type Draft, type RenderContext, type Skip } from "./message-parts.server";

export type TeamInvitationPayload = { organiserId: number; seriesId: number; invitedBy: string };

export function renderTeamInvitation(db: AppDatabase, row: OutboxRow, ctx: RenderContext): Draft | Skip {
  const { organiserId: accountId, seriesId, invitedBy } = row.payload as TeamInvitationPayload;
  const found = db
    .select({ role: t.seriesMembers.role, title: t.series.title, disabledAt: t.accounts.disabledAt })
    .from(t.seriesMembers)
    .innerJoin(t.series, eq(t.series.id, t.seriesMembers.seriesId))
    .innerJoin(t.accounts, eq(t.accounts.id, t.seriesMembers.accountId))
    .where(and(eq(t.seriesMembers.accountId, accountId), eq(t.seriesMembers.seriesId, seriesId)))
    .get();
  if (!found) return skip("ne fait plus partie de l’équipe");
  if (found.disabledAt) return skip("compte désactivé");
  return {
    link: { kind: "sign-in", accountId },
    complete: (token) => {
      const content = EMAILS["team-invitation"].template({
        link: `${ctx.appUrl}/admin/connexion/${token}`,
        minutes: SIGN_IN_MINUTES,
        invitedBy,
        seriesTitle: found.title,
        role: SERIES_ROLE_LABELS[found.role],
        allows: SERIES_ROLE_NOTES[found.role],
        signInPage: `${ctx.appUrl}/admin/connexion`,
      });
      return { to: row.toAddress, messageId: messageIdFor(row, ctx.appUrl), outboxId: row.id, ...content };
    },
  };
}
