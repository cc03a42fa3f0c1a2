// /lettres/abonnement: subscribing to the lettre d'information. The library's box posts here (in
// place with JavaScript; without it, this page answers with the result or the error next to the
// field). Honeypot, limits per IP (429) and per address (silent), the same answer for every address.
import { data, type ActionFunctionArgs, type LinksFunction, type MetaFunction } from "@remix-run/node";
import { useActionData, useNavigation } from "@remix-run/react";
import { NewsletterForm, type SubscribeResult } from "~/components/NewsletterSubscribe";
import { Breadcrumb } from "~/components/admin/Breadcrumb";
import { readLinkRequest } from "~/http/email-link-request.server";
import { requestSubscription } from "~/newsletter/subscriptions.server";
import { kickScheduler } from "~/server/runtime.server";
import formsCss from "~/styles/forms.css?url";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: formsCss }];
export const meta: MetaFunction = () => [{ title: pageTitle("S’abonner à la lettre d’information") }];

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  // Honeypot: a field people never see nor fill.
  if (String(form.get("website") ?? "") !== "") throw new Response("Requête refusée", { status: 400 });
  const asked = readLinkRequest(form, context, "newsletter");
  if (asked.error) return data<SubscribeResult>({ sent: false, email: asked.email.slice(0, 254), error: asked.error }, { status: 400 });
  if (asked.send && requestSubscription(getDb(), { email: asked.email, source: "library", nowIso: nowIso() }) !== null) kickScheduler();
  return data<SubscribeResult>({ sent: true, email: asked.email });
}

export default function NewsletterSubscribePage() {
  const result = useActionData<typeof action>() as SubscribeResult | undefined;
  const navigation = useNavigation();
  return (
    <>
      <Breadcrumb trail={[{ to: "/lettres", label: "Lettres d’information" }]} current="Abonnement" />
      <h1>S’abonner à la lettre d’information</h1>
      <NewsletterForm result={result} busy={navigation.state === "submitting"} />
    </>
  );
}
