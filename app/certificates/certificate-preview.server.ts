// The data the certificate email's preview is filled with (app/notifications/email-previews.server.ts):
// the previewed registration, marked présent·e, in a series whose certificates are enabled (sample
// signatory when none is set), with its certificate. Called on the previews' scratch copy of the database only.
import { eq } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { certificateSettings } from "./certificate-settings.server";
import { issueCertificate } from "./certificates.server";

export function certificateSample(db: AppDatabase, registration: { registrationId: number; seriesId: number }, nowIso: string) {
  const settings = certificateSettings(db, registration.seriesId);
  const sample = !settings.enabled;
  if (sample)
    db.insert(t.certificateSettings)
      .values({ seriesId: registration.seriesId, enabled: true, autoEmail: true, signatoryName: "Camille Exemple", signatoryTitle: "Coordinatrice" })
      .onConflictDoUpdate({ target: t.certificateSettings.seriesId, set: { enabled: true, signatoryName: "Camille Exemple", signatoryTitle: "Coordinatrice" } })
      .run();
  db.update(t.registrations).set({ status: "confirmed", attendance: "present" }).where(eq(t.registrations.id, registration.registrationId)).run();
  issueCertificate(db, registration.registrationId, nowIso);
  return { registrationId: registration.registrationId, sample };
}
