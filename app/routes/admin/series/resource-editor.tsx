// Add or edit one resource of a series (/admin/series/<slug>/ressources/nouvelle or /<id>): type,
// title, description, attachment (series, session, programme item or part), authors, year, themes,
// territory, visibility, link or uploaded file (size limit, type read from the content), recording
// (duration, chapters aligned to the programme, summary, transcript), references of a bibliography
// (kind, authors, editors, title, journal or collection, book title, volume, issue, pages, publisher,
// place, ISBN, DOI, address, note), publication. Works without JavaScript; every error is shown next
// to its field, values kept (an accepted upload is kept too, so it need not be sent again).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumb, seriesTrail } from "~/components/admin/Breadcrumb";
import { ProblemSummary } from "~/components/resource-editor/ProblemSummary";
import { DeleteResource, ResourceForm } from "~/components/resource-editor/ResourceForm";
import { adminResources, attachmentOptions } from "~/resources/admin-resources.server";
import {
  chapterPoints,
  checkForm,
  currentFile,
  formValues,
  pendingOf,
  withSuggestedChapters,
  type PendingInfo,
  type Problem,
  type Values,
} from "~/resources/resource-form.server";
import { deleteResource, saveResource } from "~/resources/resource-saving.server";
import { findSeries } from "~/series/series-lookup.server";
import { MinutesListsBlock } from "~/components/resource-editor/MinutesListsBlock";
import { minutesLists } from "~/minutes/minutes.server";
import { minutesListsText } from "~/minutes/minutes-text";
import { cleanFileName, formWithUpload, keepUpload, pendingUpload, removeStored, sweepPending, type Upload } from "~/resources/uploads.server";
import { formatBytes } from "~/utils/file-types";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { RESOURCE_TYPE_LABELS } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { kickScheduler } from "~/server/runtime.server";
import { echoFormValues } from "~/utils/form-echo.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.resource ? data.resource.title : "Nouvelle ressource", "Ressources", data?.series.title ?? "", "Organisateurs") },
];

function seriesOr404(slug: string | undefined) {
  const series = findSeries(getDb(), slug ?? "", "organiser");
  if (!series) throw new Response("Série introuvable", { status: 404 });
  return series;
}

function findResource(seriesId: number, id: string | undefined) {
  if (id === "nouvelle") return null;
  const resource = adminResources(getDb(), seriesId).find((r) => String(r.id) === id);
  if (!resource) throw new Response("Ressource introuvable", { status: 404 });
  return resource;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { role } = await requireSeriesRole(request, params.slug, "editor");
  const db = getDb();
  const series = seriesOr404(params.slug);
  const resource = findResource(series.id, params.id);
  const askedType = new URL(request.url).searchParams.get("type") ?? "document";
  return {
    series: { slug: series.slug, title: series.title },
    resource: resource ? { id: resource.id, title: resource.title, published: resource.published, visibility: resource.visibility } : null,
    file: currentFile(resource),
    values: formValues(resource, askedType in RESOURCE_TYPE_LABELS ? askedType : "document"),
    attachments: attachmentOptions(db, series.id),
    sessions: chapterPoints(db, series.id),
    maxLabel: formatBytes(getEnv().UPLOAD_MAX_MB * 1024 * 1024),
    minutes: minutesBlock(db, resource, role === "organiser"),
  };
}

/**
 * A compte rendu attached to a session: its lists as text, named as its page names them. Every name
 * (a registrants-only one) is personal data, for organisers only: an editor gets the public lists
 * (the names of those who agreed to appear, the others counted).
 */
function minutesBlock(db: ReturnType<typeof getDb>, resource: ReturnType<typeof findResource>, organiser: boolean) {
  if (resource?.type !== "minutes" || resource.sessionId === null || resource.sessionNumber === null) return null;
  const registrantsOnly = resource.visibility === "registrants";
  const allNames = registrantsOnly && organiser;
  return {
    text: minutesListsText(minutesLists(db, resource.sessionId, { allNames })),
    allNames,
    namesWithheld: registrantsOnly && !organiser,
    sessionNumber: resource.sessionNumber,
  };
}

type Result = { problems: Problem[]; values: Values; pending: PendingInfo; notice?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const { account: me } = await requireSeriesRole(request, params.slug, "editor");
  const db = getDb();
  const series = seriesOr404(params.slug);
  const existing = findResource(series.id, params.id);
  const received = await formWithUpload(db, request, getEnv().UPLOAD_MAX_MB * 1024 * 1024);
  const { file: _file, ...values }: Values = echoFormValues(received.form);
  const intent = values.intent ?? "save";
  const base = `/admin/series/${series.slug}/ressources`;

  if (intent === "delete") {
    if (!existing) throw new Response("Ressource introuvable", { status: 404 });
    if (values.confirm !== "oui") {
      return data<Result>(
        {
          problems: [{ path: "confirm", message: "Cochez la case pour confirmer la suppression." }],
          values: formValues(existing, existing.type),
          pending: null,
        },
        { status: 400 },
      );
    }
    const r = deleteResource(db, me, series.id, existing.id);
    removeStored(db, [r.file]);
    throw redirect(`${base}?etat=supprimee`);
  }

  // The upload of this submission, or the one accepted with an earlier submission of the form.
  let upload: Upload | null = received.upload;
  if (!upload && values.pendingUpload) upload = pendingUpload(db, values.pendingUpload, values.pendingName ?? "");
  delete values.pendingUpload;
  delete values.pendingName;

  if (intent === "suggest") {
    const suggested = withSuggestedChapters(db, series.id, values);
    if (!suggested) {
      return data<Result>(
        {
          problems: [{ path: "chapters", message: "Rattachez d’abord la ressource à une rencontre dont le programme est minuté." }],
          values,
          pending: pendingOf(upload),
        },
        { status: 400 },
      );
    }
    return data<Result>({
      problems: [],
      values: suggested,
      pending: pendingOf(upload),
      notice:
        "Chapitres proposés d’après les horaires du programme (comptés depuis le début de la rencontre) : ajustez-les à l’enregistrement, puis enregistrez.",
    });
  }

  const removeFile = values.removeFile === "oui";
  const checked = checkForm(db, series.id, values, {
    hasFile: Boolean(upload) || (Boolean(existing?.fileStoredName) && !removeFile),
    uploadError: upload && !upload.ok ? upload.error : null,
  });
  if (!checked.ok) return data<Result>({ problems: checked.problems, values, pending: pendingOf(upload) }, { status: 400 });

  const stored = upload?.ok ? keepUpload(db, upload) : null;
  const saved = saveResource(db, me, {
    seriesId: series.id,
    id: existing?.id ?? null,
    value: checked.value,
    file:
      stored && upload?.ok
        ? { storedName: stored, name: cleanFileName(upload.originalName, upload.kind), type: upload.kind.mime, size: upload.size }
        : undefined,
    removeFile: !stored && removeFile,
    nowIso: nowIso(),
  });
  if (!saved.ok) {
    removeStored(db, [stored]);
    return data<Result>({ problems: saved.problems, values, pending: null }, { status: 400 });
  }
  removeStored(db, [saved.replacedFile]);
  sweepPending(db, Date.now());
  if (saved.emails) kickScheduler();
  throw redirect(`${base}?etat=enregistree${saved.emails ? `&courriels=${saved.emails}` : saved.waitsForEnd ? "&courriels=fin" : ""}`);
}

export default function ResourceEditor() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const { series, resource, file, attachments, sessions, maxLabel, minutes } = loaded;
  const v = result?.values ?? loaded.values;
  const e: Record<string, string> = {};
  for (const p of result?.problems ?? []) e[p.path] ??= p.message;
  const base = `/admin/series/${series.slug}/ressources`;
  return (
    <>
      <Breadcrumb trail={[...seriesTrail(series), { to: base, label: "Ressources" }]} current={resource ? resource.title : "Nouvelle ressource"} />
      <h1>{resource ? "Modifier la ressource" : "Nouvelle ressource"}</h1>
      <ProblemSummary problems={result?.problems ?? []} />
      {result?.notice ? (
        <p className="success" role="status">
          {result.notice}
        </p>
      ) : null}
      <ResourceForm
        v={v}
        e={e}
        file={file}
        pending={result?.pending ?? null}
        attachments={attachments}
        sessions={sessions}
        maxLabel={maxLabel}
        base={base}
        resourceId={resource?.id ?? null}
      />
      {minutes ? <MinutesListsBlock {...minutes} /> : null}
      {resource ? <DeleteResource title={resource.title} error={e.confirm} /> : null}
    </>
  );
}
