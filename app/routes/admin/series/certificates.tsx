// A series' attendance certificates (« Attestations de présence »): on or off, emailed or not once
// attendance is recorded, who signs, the signature image, the issuing organisation. One form (multipart,
// for the image), errors next to each field, values kept. Rules: app/certificates/.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Breadcrumb, seriesTrail } from "~/components/admin/Breadcrumb";
import { CertificateSettingsForm, type SettingsValues } from "~/components/certificates/CertificateSettingsForm";
import { requireSeriesRole } from "~/accounts/series-access.server";
import {
  MAX_SIGNATURE_BYTES,
  MAX_SIGNATURE_UPLOAD_BYTES,
  certificateSettings,
  readSettingsForm,
  saveCertificateSettings,
  type SettingsErrors,
} from "~/certificates/certificate-settings.server";
import { CERTIFICATE_EMAIL_HOUR } from "~/certificates/certificate-emails.server";
import { readSmallUpload } from "~/http/small-upload.server";
import { findSeries } from "~/series/series-lookup.server";
import { getDb } from "~/utils/db.server";
import { formatBytes } from "~/utils/file-types";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Attestations de présence", data?.series.title ?? "Série", "Organisateurs") },
];

function seriesOf(slug: string | undefined) {
  const series = findSeries(getDb(), slug ?? "", "organiser");
  if (!series) throw new Response("Série introuvable", { status: 404 });
  return series;
}

const valuesOf = (s: SettingsValues): SettingsValues => ({
  enabled: s.enabled,
  autoEmail: s.autoEmail,
  signatoryName: s.signatoryName,
  signatoryTitle: s.signatoryTitle,
  organisationName: s.organisationName,
});

const FIELDS = ["enabled", "autoEmail", "signatoryName", "signatoryTitle", "organisationName", "signature", "removeSignature"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSeriesRole(request, params.slug, "organiser");
  const series = seriesOf(params.slug);
  const s = certificateSettings(getDb(), series.id);
  return {
    series: { slug: series.slug, title: series.title },
    values: valuesOf(s),
    hasSignature: Boolean(s.signatureImage),
    signatureVersion: s.signatureImage ? s.signatureImage.byteLength : 0,
    maxSignature: formatBytes(MAX_SIGNATURE_BYTES),
    emailHour: CERTIFICATE_EMAIL_HOUR,
  };
}

type Result = { errors: SettingsErrors; values: SettingsValues };

export async function action({ request, params }: ActionFunctionArgs) {
  const { account } = await requireSeriesRole(request, params.slug, "organiser");
  const series = seriesOf(params.slug);
  const db = getDb();
  const upload = await readSmallUpload(request, MAX_SIGNATURE_UPLOAD_BYTES, FIELDS);
  if (!upload.ok) {
    const s = certificateSettings(db, series.id);
    const message =
      upload.reason === "too-large"
        ? `Cette image dépasse ${formatBytes(MAX_SIGNATURE_UPLOAD_BYTES)}\u00a0: ${formatBytes(MAX_SIGNATURE_BYTES)} au plus. Réduisez-la puis déposez-la à nouveau.`
        : "Envoi illisible\u00a0: déposez l’image à nouveau.";
    return data<Result>({ errors: { signature: message }, values: valuesOf(s) }, { status: upload.reason === "too-large" ? 413 : 400 });
  }
  const file = upload.form.get("signature");
  const bytes = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
  const input = readSettingsForm(upload.form, bytes);
  const saved = saveCertificateSettings(db, { seriesId: series.id, input, accountId: account.id, nowIso: nowIso() });
  if (!saved.ok) {
    return data<Result>({ errors: saved.errors, values: valuesOf(input) }, { status: 400 });
  }
  throw redirect(`/admin/series/${series.slug}/attestations?etat=enregistre`);
}

export default function Certificates() {
  const { series, values, hasSignature, signatureVersion, maxSignature, emailHour } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <Breadcrumb trail={seriesTrail(series, "dashboard")} current="Attestations de présence" />
      <h1>Attestations de présence</h1>
      <p className="lead">
        Une attestation en PDF pour chaque personne notée présente à une rencontre de la série, avec un code de vérification. Les personnes la téléchargent
        depuis leur espace personnel, vous depuis la page de présence de chaque rencontre.
      </p>
      {params.get("etat") === "enregistre" && !result ? (
        <p className="success" role="status">
          Réglages enregistrés.
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data" noValidate>
        <CertificateSettingsForm
          values={result?.values ?? values}
          errors={result?.errors ?? {}}
          signatureUrl={hasSignature ? `/admin/series/${series.slug}/attestations/signature?v=${signatureVersion}` : null}
          maxSignature={maxSignature}
          emailHour={emailHour}
        />
        <button type="submit" disabled={busy}>
          Enregistrer
        </button>
      </Form>
      <p>
        Pour télécharger l’attestation d’une personne, ouvrez la <Link to={`/admin/series/${series.slug}/inscrits`}>liste des inscrits</Link> puis la page de
        présence de la rencontre.
      </p>
    </>
  );
}
