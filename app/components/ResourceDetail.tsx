// A resource's own page (public at /ressources/<id>, or through a personal link): what it is, where it
// belongs (series, session, programme point), its file (size shown before download), its link or its
// video (YouTube and Vimeo players load only after a click: nothing is requested from them before),
// a recording's chapters (each a time in the recording and a point of the programme), its summary and
// transcript, a bibliography's references with RIS and BibTeX exports.
import { Link } from "@remix-run/react";
import { useHydrated } from "~/components/use-hydrated";
import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { RESOURCE_TYPE_LABELS } from "~/utils/labels";
import type { ResourcePage } from "~/resources/resource-views";
import type { Segment } from "~/utils/references";

/** One reference's citation: the journal or book in <cite>, its DOI and address as links, all as text nodes (never HTML). */
export function ReferenceCitation({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, j) =>
        s.em ? (
          <cite key={j}>{s.text}</cite>
        ) : s.href ? (
          <a key={j} href={s.href}>
            {s.text}
          </a>
        ) : (
          s.text
        ),
      )}
    </>
  );
}

/** Start time of an embedded player: with the autoplay the platform needs to jump there. */
function embedAt(video: NonNullable<ResourcePage["video"]>, seconds: number | null): string {
  if (seconds === null) return video.embedUrl;
  return video.provider === "youtube" ? `${video.embedUrl}&start=${seconds}&autoplay=1` : `${video.embedUrl}&autoplay=1#t=${seconds}s`;
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i) => (
          <p key={i}>{p}</p>
        ))}
    </>
  );
}

/** `back`: the first crumb (the library, or the personal space); `library`: where theme links search (public pages only). */
export function ResourceDetail({
  r,
  back,
  library,
  afterText,
}: {
  r: ResourcePage;
  back: { href: string; label: string };
  library: string | null;
  /** Shown right below the resource's text (a compte rendu's lists of présent·es, excusé·es, absent·es). */
  afterText?: ReactNode;
}) {
  const hydrated = useHydrated();
  const [embed, setEmbed] = useState<{ start: number | null } | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const media = useRef<HTMLVideoElement & HTMLAudioElement>(null);

  useEffect(() => {
    if (embed) frame.current?.focus();
  }, [embed]);

  // With JavaScript, a chapter plays here: the uploaded file seeks, the player (once shown) restarts there.
  function playAt(event: MouseEvent<HTMLAnchorElement>, seconds: number) {
    if (r.file?.media && media.current) {
      event.preventDefault();
      media.current.currentTime = seconds;
      void media.current.play().catch(() => undefined);
      media.current.focus();
    } else if (r.video && embed) {
      event.preventDefault();
      setEmbed({ start: seconds });
    }
  }

  const facts = [r.authors.join(", "), r.year ? String(r.year) : "", r.territory ?? ""].filter(Boolean);
  return (
    <article className="resource">
      <nav aria-label="Fil d’Ariane" className="breadcrumb">
        <ol>
          <li>
            <Link to={back.href}>{back.label}</Link>
          </li>
          <li>
            <Link to={r.seriesHref}>{r.series.title}</Link>
          </li>
          <li aria-current="page">{r.title}</li>
        </ol>
      </nav>
      <header className="page-header">
        <p className="session-number">{RESOURCE_TYPE_LABELS[r.type]}</p>
        <h1>{r.title}</h1>
        {facts.length ? <p className="subtitle">{facts.join(" · ")}</p> : null}
        <dl className="resource-facts">
          <div>
            <dt>Série</dt>
            <dd>
              <Link to={r.seriesHref}>{r.series.title}</Link>
            </dd>
          </div>
          {r.session && r.sessionHref ? (
            <div>
              <dt>Rencontre</dt>
              <dd>
                <Link to={r.sessionHref}>
                  RDV #{r.session.number} — {r.session.title}
                </Link>
                {r.when ? `, ${r.when}` : ""}
              </dd>
            </div>
          ) : null}
          {r.item && r.itemHref ? (
            <div>
              <dt>Au programme</dt>
              <dd>
                <a href={r.itemHref}>{r.item.title}</a>
              </dd>
            </div>
          ) : null}
          {r.themes.length ? (
            <div>
              <dt>Thèmes</dt>
              <dd>
                <ul className="inline-list themes">
                  {r.themes.map((th) => (
                    <li key={th}>{library ? <Link to={`${library}?theme=${encodeURIComponent(th)}`}>{th}</Link> : th}</li>
                  ))}
                </ul>
              </dd>
            </div>
          ) : null}
          {r.duration && r.durationIso ? (
            <div>
              <dt>Durée</dt>
              <dd>
                <time dateTime={r.durationIso}>{r.duration}</time>
              </dd>
            </div>
          ) : null}
        </dl>
        {r.visibility === "registrants" ? (
          <p className="notice">Ressource réservée aux personnes inscrites à cette série : merci de ne pas la diffuser.</p>
        ) : null}
      </header>

      {r.description ? (
        <div className="lead">
          <Paragraphs text={r.description} />
        </div>
      ) : null}
      {afterText}

      {r.video || r.file || r.url ? (
        <section aria-labelledby="acces" className="resource-access">
          <h2 id="acces">{r.type === "recording" || r.type === "video" ? "Regarder" : "Consulter"}</h2>
          {r.video ? (
            <div className="embed">
              {embed ? (
                <iframe
                  ref={frame}
                  key={embed.start ?? "debut"}
                  src={embedAt(r.video, embed.start)}
                  title={`Lecteur vidéo ${r.video.providerLabel} : ${r.title}`}
                  allow="autoplay; fullscreen; picture-in-picture; encrypted-media"
                  allowFullScreen
                  referrerPolicy="strict-origin"
                  loading="lazy"
                />
              ) : (
                <div className="embed-placeholder">
                  <p>
                    La vidéo est hébergée par {r.video.providerLabel}. Elle ne se charge que si vous le demandez : {r.video.providerLabel} recevra alors votre
                    adresse IP et pourra déposer des traceurs.
                  </p>
                  {hydrated ? (
                    <button type="button" className="button" onClick={() => setEmbed({ start: null })}>
                      Afficher la vidéo ici ({r.video.providerLabel})
                    </button>
                  ) : null}
                </div>
              )}
              <p>
                <a href={r.video.watchUrl} rel="noopener noreferrer">
                  Regarder sur {r.video.providerLabel}
                </a>
              </p>
            </div>
          ) : null}
          {r.file ? (
            <div className="file">
              {r.file.media === "video" ? (
                // eslint-disable-next-line jsx-a11y/media-has-caption -- recordings come without a caption file; their transcript is on this page
                <video ref={media} controls preload="none" src={r.file.playHref} className="player" aria-label={`Lecteur : ${r.title}`} />
              ) : r.file.media === "audio" ? (
                // eslint-disable-next-line jsx-a11y/media-has-caption -- recordings come without a caption file; their transcript is on this page
                <audio ref={media} controls preload="none" src={r.file.playHref} className="player" aria-label={`Lecteur : ${r.title}`} />
              ) : null}
              <p>
                <a href={r.file.href} className="button" download={r.file.name}>
                  Télécharger<span className="visually-hidden"> « {r.file.name} »</span> ({r.file.typeLabel}, {r.file.sizeLabel})
                </a>
              </p>
            </div>
          ) : null}
          {r.url && !r.video ? (
            <p>
              <a href={r.url} rel="noopener noreferrer" className={r.file ? undefined : "button"}>
                {r.file ? "Voir aussi en ligne" : "Consulter en ligne"}
                <span className="visually-hidden"> : {r.title}</span>
              </a>{" "}
              <span className="muted url">{r.url.replace(/^https?:\/\//, "").replace(/\/$/, "")}</span>
            </p>
          ) : null}
        </section>
      ) : null}

      {r.chapters.length ? (
        <section aria-labelledby="chapitres">
          <h2 id="chapitres">Chapitres</h2>
          <p className="muted">Chaque chapitre mène au passage de l’enregistrement et au point correspondant du programme.</p>
          <ol className="chapters">
            {r.chapters.map((c) => (
              <li key={c.n} id={`chapitre-${c.n}`}>
                {c.href ? (
                  <a
                    href={c.href}
                    onClick={(e) => playAt(e, c.seconds)}
                    className="chapter-time"
                    rel={c.href.startsWith("http") ? "noopener noreferrer" : undefined}
                  >
                    <time dateTime={`PT${c.seconds}S`}>{c.clock}</time>
                    <span className="visually-hidden"> : aller à ce moment de l’enregistrement</span>
                  </a>
                ) : (
                  <time dateTime={`PT${c.seconds}S`} className="chapter-time">
                    {c.clock}
                  </time>
                )}{" "}
                <span className="chapter-title">{c.title}</span>
                {c.item ? (
                  <>
                    {" "}
                    <span className="muted">
                      (au programme : <a href={c.item.href}>{c.item.title}</a>)
                    </span>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {r.summary ? (
        <section aria-labelledby="resume">
          <h2 id="resume">Résumé</h2>
          <Paragraphs text={r.summary} />
        </section>
      ) : null}

      {r.transcript ? (
        <section aria-labelledby="transcription">
          <h2 id="transcription">Transcription</h2>
          <details className="transcript">
            <summary>Lire la transcription complète</summary>
            <Paragraphs text={r.transcript} />
          </details>
        </section>
      ) : null}

      {r.references.length ? (
        <section aria-labelledby="references">
          <h2 id="references">Références</h2>
          <ol className="references">
            {r.references.map((segments, i) => (
              <li key={i}>
                <ReferenceCitation segments={segments} />
              </li>
            ))}
          </ol>
          {r.exports ? (
            <p>
              Exporter les {r.references.length} référence{r.references.length > 1 ? "s" : ""} vers un logiciel de bibliographie (Zotero, EndNote, JabRef…) :{" "}
              <a href={r.exports.ris} download>
                format RIS
              </a>{" "}
              ·{" "}
              <a href={r.exports.bib} download>
                format BibTeX
              </a>
            </p>
          ) : null}
        </section>
      ) : null}
    </article>
  );
}
