// A series' certificate settings (off by default): enabled, emailed once attendance is recorded,
// who signs (name and title), the signature image (a small PNG or JPEG kept in the database, type read
// from its content) and the issuing organisation. Checked field by field, with French messages. Turning
// certificates (or their email) on catches up with the people already présent·e.
import { eq } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { audit } from "../accounts/audit.server";
// A cycle (certificate-emails → certificates → these settings) of functions only, called at run time.
import { recordSeriesCertificates } from "./certificate-emails.server";
import { sniff } from "../resources/uploads.server";
import { formatBytes } from "~/utils/file-types";

export type CertificateSettings = Omit<typeof t.certificateSettings.$inferSelect, "updatedAt">;

/** Largest signature image kept: a scanned signature is a few tens of kilobytes. */
export const MAX_SIGNATURE_BYTES = 300 * 1024;
/** Largest upload read at all (beyond, the form is refused whole): lets a too-large image be named with its size. */
export const MAX_SIGNATURE_UPLOAD_BYTES = 4 * 1024 * 1024;
export const SIGNATURE_TYPES = ["image/png", "image/jpeg"];

const LIMITS = { signatoryName: 120, signatoryTitle: 160, organisationName: 200 } as const;

export function certificateSettings(db: AppDatabase | Tx, seriesId: number): CertificateSettings {
  const row = db.select().from(t.certificateSettings).where(eq(t.certificateSettings.seriesId, seriesId)).get();
  return (
    row ?? {
      seriesId,
      enabled: false,
      autoEmail: false,
      signatoryName: "",
      signatoryTitle: "",
      organisationName: "",
      signatureImage: null,
      signatureType: null,
    }
  );
}

export type SettingsInput = {
  enabled: boolean;
  autoEmail: boolean;
  signatoryName: string;
  signatoryTitle: string;
  organisationName: string;
  /** A new image (bytes as posted), or null to keep the current one. */
  signature: Uint8Array | null;
  removeSignature: boolean;
};

export type SettingsErrors = Partial<Record<"signatoryName" | "signatoryTitle" | "organisationName" | "signature" | "autoEmail", string>>;

/** The form's values, read from a posted form (the file part is read by the caller). */
export function readSettingsForm(form: FormData, signature: Uint8Array | null): SettingsInput {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  return {
    enabled: form.get("enabled") === "oui",
    autoEmail: form.get("autoEmail") === "oui",
    signatoryName: text("signatoryName"),
    signatoryTitle: text("signatoryTitle"),
    organisationName: text("organisationName"),
    signature,
    removeSignature: form.get("removeSignature") === "oui",
  };
}

/** The refusal of a signature image (French), or null when it is a PNG or JPEG small enough. */
export function signatureRefusal(bytes: Uint8Array): string | null {
  const kind = sniff(Buffer.from(bytes.subarray(0, 64)));
  if (!kind || !SIGNATURE_TYPES.includes(kind.mime)) return "Ce fichier n’est pas une image PNG ou JPEG. Enregistrez la signature en PNG ou en JPEG.";
  if (bytes.byteLength > MAX_SIGNATURE_BYTES)
    return `Cette image pèse ${formatBytes(bytes.byteLength)}\u00a0: ${formatBytes(MAX_SIGNATURE_BYTES)} au plus. Réduisez-la (une signature de 600 pixels de large suffit).`;
  return null;
}

export function checkSettings(input: SettingsInput): SettingsErrors {
  const errors: SettingsErrors = {};
  for (const [field, max] of Object.entries(LIMITS) as [keyof typeof LIMITS, number][])
    if (input[field].length > max) errors[field] = `${max} caractères au plus (${input[field].length} saisis).`;
  if (input.enabled) {
    errors.signatoryName ??= input.signatoryName ? undefined : "Indiquez le nom de la personne qui signe les attestations.";
    errors.signatoryTitle ??= input.signatoryTitle ? undefined : "Indiquez la fonction de la personne qui signe (par exemple «\u00a0Directrice\u00a0»).";
  }
  if (input.autoEmail && !input.enabled) errors.autoEmail = "L’envoi par e-mail demande que les attestations soient proposées (case ci-dessus).";
  if (input.signature && input.signature.byteLength) errors.signature = signatureRefusal(input.signature) ?? undefined;
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => v)) as SettingsErrors;
}

/** Saves the settings (audited) or returns the errors per field; nothing is written on an error. */
export function saveCertificateSettings(
  db: AppDatabase,
  args: { seriesId: number; input: SettingsInput; accountId: number; nowIso: string },
): { ok: true } | { ok: false; errors: SettingsErrors } {
  const current = certificateSettings(db, args.seriesId);
  const errors = checkSettings(args.input);
  if (Object.keys(errors).length) return { ok: false, errors };
  const { input } = args;
  const image = input.signature && input.signature.byteLength ? Buffer.from(input.signature) : null;
  const signature = image
    ? { signatureImage: image, signatureType: sniff(image.subarray(0, 64))!.mime }
    : input.removeSignature
      ? { signatureImage: null, signatureType: null }
      : { signatureImage: current.signatureImage, signatureType: current.signatureType };
  const values = {
    enabled: input.enabled,
    autoEmail: input.autoEmail,
    signatoryName: input.signatoryName,
    signatoryTitle: input.signatoryTitle,
    organisationName: input.organisationName,
    ...signature,
    updatedAt: args.nowIso,
  };
  db.transaction(
    (tx) => {
      const before = certificateSettings(tx, args.seriesId);
      tx.insert(t.certificateSettings)
        .values({ seriesId: args.seriesId, ...values })
        .onConflictDoUpdate({ target: t.certificateSettings.seriesId, set: values })
        .run();
      audit(tx, args.accountId, "certificate-settings", "series", args.seriesId, {
        enabled: input.enabled,
        autoEmail: input.autoEmail,
        signature: image ? "nouvelle" : input.removeSignature ? "retirée" : "inchangée",
      });
      // Turned on after attendance was recorded: the people already présent·e get their certificate (and email).
      if ((input.enabled && !before.enabled) || (input.autoEmail && !before.autoEmail)) recordSeriesCertificates(tx, args.seriesId, args.nowIso);
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}
