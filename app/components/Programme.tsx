import type { ReactNode } from "react";
import type { ProgrammeItemView, SpeakerView } from "~/series/programme-view";
import { KIND_LABELS, SPEAKER_ROLE_TITLES } from "~/utils/labels";

type Speaker = SpeakerView;
type Item = ProgrammeItemView;

function SpeakerName({ s }: { s: Speaker }) {
  const detail = [s.role, s.organisation].filter(Boolean).join(", ");
  return (
    <>
      <span className="speaker-name">{s.name}</span>
      {detail ? <span className="speaker-detail"> — {detail}</span> : null}
    </>
  );
}

/** Speakers grouped by their part: moderator(s) first, then speakers, then panellists. */
function Speakers({ speakers }: { speakers: Speaker[] }) {
  if (!speakers.length) return null;
  const groups: ReactNode[] = [];
  for (const part of ["moderator", "speaker", "panellist"]) {
    const list = speakers.filter((s) => s.speakerRole === part);
    if (!list.length) continue;
    groups.push(
      <div key={part} className={`speakers speakers-${part}`}>
        <dt>{list.length > 1 ? SPEAKER_ROLE_TITLES[part].many : SPEAKER_ROLE_TITLES[part].one}</dt>
        {list.map((s) => (
          <dd key={`${s.kind}-${s.key}`}>
            <SpeakerName s={s} />
          </dd>
        ))}
      </div>,
    );
  }
  return <dl className="speaker-groups">{groups}</dl>;
}

type RecordingLink = { href: string; clock: string; title: string };

/** "Revoir ce passage": the chapters of the session's recordings that cover this point. */
function Replays({ links }: { links?: RecordingLink[] }) {
  if (!links?.length) return null;
  return (
    <ul className="replays">
      {links.map((l) => (
        <li key={l.href}>
          <a href={l.href}>
            Revoir ce passage<span className="visually-hidden"> dans « {l.title} »</span> (à {l.clock})
          </a>
        </li>
      ))}
    </ul>
  );
}

function Kind({ kind }: { kind: string | null }) {
  if (!kind) return null;
  return <span className={`kind kind-${kind}`}>{KIND_LABELS[kind]}</span>;
}

/**
 * Each item and part has an anchor from its place in the programme (#programme-3, #programme-3-2), the
 * same paths that resources and recording chapters use.
 */
export function Programme({ items, recordings }: { items: Item[]; recordings?: Record<string, RecordingLink[]> }) {
  if (!items.length) return <p>Le programme détaillé sera publié prochainement.</p>;
  return (
    <ol className="programme">
      {items.map((item, i) => (
        <li key={item.id} id={`programme-${i + 1}`} className={`programme-item programme-${item.kind ?? "other"}`}>
          <p className="programme-time">
            {item.time && item.startIso && item.endIso ? (
              <>
                <time dateTime={item.startIso}>{item.time.split(" – ")[0]}</time> – <time dateTime={item.endIso}>{item.time.split(" – ")[1]}</time>
              </>
            ) : null}
          </p>
          <div className="programme-body">
            <Kind kind={item.kind} />
            <h3>{item.title}</h3>
            {item.description ? <p>{item.description}</p> : null}
            <Speakers speakers={item.speakers} />
            <Replays links={recordings?.[String(i + 1)]} />
            {item.parts.length ? (
              <ul className="parts">
                {item.parts.map((part, j) => (
                  <li key={part.id} id={`programme-${i + 1}-${j + 1}`} className={`part part-${part.kind ?? "talk"}`}>
                    <Kind kind={part.kind} />
                    <h4>{part.title}</h4>
                    {part.description ? <p>{part.description}</p> : null}
                    <Speakers speakers={part.speakers} />
                    <Replays links={recordings?.[`${i + 1}.${j + 1}`]} />
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
