// The public verification of an attendance certificate (/attestations/<code>): confirms the person's
// name, the session and its date, and nothing else (no address, no structure, no link to anyone's
// space). A wrong or revoked code says so (404). Wrong codes count against the visitor's rate limit.
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { verifyCertificate } from "~/certificates/certificates.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { pageTitle } from "~/utils/meta";
import { limiter, tooManyRequests } from "~/utils/rate-limit.server";

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer" });
export const meta: MetaFunction = () => [{ title: pageTitle("Vérification d’une attestation de présence") }, { name: "robots", content: "noindex" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const result = verifyCertificate(getDb(), params.code ?? "");
  if (result.status === "valid") return { result };
  const env = getEnv();
  const ipLimit = limiter("certificate-verify-ip", env.RATE_LIMIT_PER_IP, env.RATE_LIMIT_WINDOW_SECONDS);
  const ip = String((context as { clientIp?: string } | undefined)?.clientIp ?? "unknown");
  if (!ipLimit.hit(ip)) throw tooManyRequests(ipLimit.retryAfterSeconds(ip));
  return data({ result }, { status: 404 });
}

export default function CertificateVerification() {
  const { result } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Vérification d’une attestation de présence</h1>
      {result.status === "valid" ? (
        <div className="success" role="status">
          <p>
            <strong>Attestation authentique.</strong> Elle a bien été délivrée par Rendez-vous et n’a pas été révoquée.
          </p>
          <dl className="codes-list">
            <div>
              <dt>Personne</dt>
              <dd>{result.name}</dd>
            </div>
            <div>
              <dt>Rencontre</dt>
              <dd>
                {result.sessionTitle} ({result.seriesTitle})
              </dd>
            </div>
            <div>
              <dt>Date</dt>
              <dd>{result.date}</dd>
            </div>
          </dl>
        </div>
      ) : (
        <div className="error-summary" role="alert">
          <p>
            <strong>{result.status === "revoked" ? "Cette attestation a été révoquée." : "Aucune attestation ne correspond à ce code."}</strong>
          </p>
          <p>
            {result.status === "revoked"
              ? "La présence de cette personne a été corrigée après la délivrance de l’attestation : celle-ci n’est plus valable. Demandez-lui une attestation à jour ou contactez l’équipe organisatrice."
              : "Vérifiez le code imprimé en bas de l’attestation (12 caractères, par exemple ABCD-EFGH-JKMN : les chiffres 0 et 1 et les lettres I, L et O n’y figurent jamais)."}
          </p>
        </div>
      )}
      <p>
        <Link to="/attestations">Vérifier un autre code</Link>
      </p>
    </>
  );
}
