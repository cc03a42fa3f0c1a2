// Check-in at the door (accueil) of one session, phone-first: counts, camera scan of the QR (with
// JavaScript), the short code typed, a name search (accent-insensitive) with one button per person,
// its undo, and the walk-in added on the spot. Without JavaScript every form posts and redirects
// with a flash message; with it, the same actions go through a fetcher without reloading.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { addWalkIn, checkInByCode, checkInRegistration, doorList, doorSession, undoCheckIn, type CheckInOutcome } from "~/check-in/check-in.server";
import { ensureSessionCodes } from "~/check-in/check-in-codes.server";
import { readDoorFlash, writeDoorFlash } from "~/check-in/door-flash.server";
import { doorRefusal } from "~/check-in/door.server";
import { readWalkIn, type WalkInValues } from "~/check-in/walk-in-form.server";
import { Breadcrumb, seriesTrail } from "~/components/admin/Breadcrumb";
import { DoorPage } from "~/components/check-in/DoorPage";
import checkInCss from "~/styles/check-in.css?url";
import formsCss from "~/styles/forms.css?url";
import { formatSessionWhen } from "~/utils/dates.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";

export const links = () => [
  { rel: "stylesheet", href: formsCss },
  { rel: "stylesheet", href: checkInCss },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSeriesRole(request, params.slug, "organiser");
  const db = getDb();
  const { series, session } = doorSession(db, params.slug, params.number);
  ensureSessionCodes(db, session.id);
  const flash = await readDoorFlash(request);
  const { rows, counts } = doorList(db, session, series.timezone);
  return data(
    {
      series: { slug: series.slug, title: series.title },
      session: { number: session.number, title: session.title, when: formatSessionWhen(session.startsAt, session.endsAt, series.timezone) },
      closed: doorRefusal(session, series.timezone, nowIso()),
      rows,
      counts,
      query: new URL(request.url).searchParams.get("q")?.slice(0, 100) ?? "",
      flash: flash?.flash ?? null,
    },
    flash ? { headers: { "Set-Cookie": flash.clear } } : undefined,
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(`Accueil RDV #${data?.session.number ?? ""}`, data?.series.title ?? "Série", "Organisateurs") },
];

/** What an action answers: the outcome's sentence, which form it belongs to, and a walk-in's values and errors. */
export type DoorResult = {
  ok: boolean;
  message: string;
  form: "code" | "row" | "walk-in";
  code?: string;
  values?: WalkInValues;
  errors?: Partial<WalkInValues>;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { account } = await requireSeriesRole(request, params.slug, "organiser");
  const db = getDb();
  const { series, session } = doorSession(db, params.slug, params.number);
  const form = await request.formData();
  const ctx = { session, zone: series.timezone, accountId: account.id, nowIso: nowIso() };
  const intent = String(form.get("intent") ?? "");
  const registration = Number(form.get("registration"));
  let result: DoorResult;
  if (intent === "code") {
    const code = String(form.get("code") ?? "").slice(0, 40);
    result = { ...pick(code.trim() ? checkInByCode(db, ctx, code) : EMPTY_CODE), form: "code", code };
  } else if (intent === "present" || intent === "undo") {
    const outcome = Number.isInteger(registration)
      ? (intent === "present" ? checkInRegistration : undoCheckIn)(db, ctx, registration)
      : { ok: false as const, reason: "not-found" as const, message: "Cette inscription n’existe pas pour cette rencontre." };
    result = { ...pick(outcome), form: "row" };
  } else if (intent === "walk-in") {
    const read = readWalkIn(form);
    if (!read.ok) result = { ok: false, message: "Vérifiez les champs signalés.", form: "walk-in", values: read.values, errors: read.errors };
    else {
      const outcome = addWalkIn(db, ctx, read.walkIn);
      result = { ...pick(outcome), form: "walk-in", ...(outcome.ok ? {} : { values: { ...read.walkIn, organisation: read.walkIn.organisation ?? "" } }) };
    }
  } else result = { ok: false, message: "Action inconnue.", form: "row" };

  // With JavaScript (a fetcher), the result comes back as data; without, a success redirects.
  if (form.get("js") === "1" || !result.ok) return data(result, { status: result.ok ? 200 : 400 });
  const back = new URL(request.url);
  return redirect(`${back.pathname}${back.search}`, { headers: { "Set-Cookie": await writeDoorFlash({ ok: true, message: result.message }) } });
}

const EMPTY_CODE: CheckInOutcome = {
  ok: false,
  reason: "unknown",
  message: "Saisissez le code d’accueil de la personne (8 caractères, par exemple K7PM-Q3XD).",
};
const pick = (o: CheckInOutcome) => ({ ok: o.ok, message: o.message });

export default function CheckIn() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumb
        trail={[
          ...seriesTrail(d.series, "dashboard"),
          { to: `/admin/series/${d.series.slug}/presence/${d.session.number}`, label: `Présence RDV #${d.session.number}` },
        ]}
        current={<>Accueil</>}
      />
      <h1>
        Accueil — RDV #{d.session.number} {d.session.title}
      </h1>
      <p className="lead">{d.session.when}</p>
      {d.closed ? (
        <p className="notice">
          {d.closed} <Link to={`/admin/series/${d.series.slug}/presence/${d.session.number}`}>Page « Présence »</Link>
        </p>
      ) : null}
      <DoorPage rows={d.rows} counts={d.counts} query={d.query} flash={d.flash} closed={Boolean(d.closed)} />
    </>
  );
}
