// Attendance certificates (« attestations de présence »): each series' settings (off by default: who
// signs, the signature image, the issuing organisation, whether the certificate is emailed once
// attendance is recorded) and the certificates issued, one per registration marked present, with the
// verification code printed on it (stable across downloads). Rules: app/certificates/.
import { blob, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { belongsTo, id, now } from "./columns";
import { registrations } from "./registrations";
import { series } from "./series";

export const certificateSettings = sqliteTable("certificate_settings", {
  seriesId: integer("series_id")
    .primaryKey()
    .references(() => series.id, { onDelete: "cascade" }),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(false),
  /** Email the certificate once attendance is recorded (app/certificates/certificate-emails.server.ts). */
  autoEmail: integer("auto_email", { mode: "boolean" }).notNull().default(false),
  signatoryName: text("signatory_name").notNull().default(""),
  signatoryTitle: text("signatory_title").notNull().default(""),
  /** The issuing organisation as printed; empty: the series' organising structures. */
  organisationName: text("organisation_name").notNull().default(""),
  /** A small PNG or JPEG (bounded by the form), kept in the database so that backups carry it. */
  signatureImage: blob("signature_image", { mode: "buffer" }),
  signatureType: text("signature_type"),
  updatedAt: text("updated_at").notNull().default(now),
});

export const certificates = sqliteTable(
  "certificates",
  {
    id: id(),
    registrationId: belongsTo("registration_id", () => registrations.id),
    /** The verification code printed on the certificate (unguessable; app/certificates/certificates.server.ts). */
    code: text("code").notNull(),
    issuedAt: text("issued_at").notNull(),
    /** Set while the registration is no longer « présent·e » (cleared if it is again). */
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("certificates_registration_uq").on(t.registrationId), uniqueIndex("certificates_code_uq").on(t.code)],
);
