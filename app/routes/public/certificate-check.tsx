// « Vérifier une attestation »: a code typed by hand (GET form, works without JavaScript) leads to its
// verification page (app/routes/public/certificate-verification.tsx).
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { TextField } from "~/components/Field";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = () => [{ title: pageTitle("Vérifier une attestation de présence") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const code = (new URL(request.url).searchParams.get("code") ?? "").trim();
  if (code) throw redirect(`/attestations/${encodeURIComponent(code.replace(/\s+/g, "").slice(0, 40))}`);
  return null;
}

export default function CertificateCheck() {
  return (
    <>
      <h1>Vérifier une attestation de présence</h1>
      <p>Saisissez le code de vérification imprimé en bas de l’attestation.</p>
      <Form method="get" action="/attestations">
        <TextField name="code" label="Code de vérification" hint="12 caractères, par exemple ABCD-EFGH-JKMN." autoComplete="off" spellCheck={false} required />
        <button type="submit">Vérifier</button>
      </Form>
    </>
  );
}
