// /lettres/<n>: one letter as it was sent (its introduction and the resources it announced, by type).
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { IntroText, LetterSections } from "~/components/NewsletterContent";
import { Breadcrumb } from "~/components/admin/Breadcrumb";
import { sentLetter } from "~/newsletter/digest.server";
import { introParagraphs } from "~/newsletter/intro.server";
import { fromUtcIso, formatDay } from "~/utils/dates.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";

export async function loader({ params }: LoaderFunctionArgs) {
  const letter = /^\d{1,9}$/.test(params.number ?? "") ? sentLetter(getDb(), Number(params.number)) : null;
  if (!letter) throw new Response("Lettre introuvable", { status: 404 });
  return { number: letter.number, date: formatDay(fromUtcIso(letter.sentAt, "Europe/Paris")), intro: introParagraphs(letter.intro), sections: letter.sections };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? `Lettre d’information n° ${data.number}` : "Lettre introuvable") }];

export default function NewsletterLetter() {
  const { number, date, intro, sections } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumb trail={[{ to: "/lettres", label: "Lettres d’information" }]} current={`Lettre n° ${number}`} />
      <h1>Lettre d’information n° {number}</h1>
      <p className="lead">{date}</p>
      <IntroText paragraphs={intro} />
      <LetterSections sections={sections} />
      <p>
        <Link to="/lettres#abonnement">Recevoir les prochaines lettres</Link>
      </p>
    </>
  );
}
