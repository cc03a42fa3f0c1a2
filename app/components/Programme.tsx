import type { ReactNode } from "react";
import { KIND_LABELS, PART_LABELS } from "~/utils/labels";

type Speaker = { part: string; kind: "person" | "organisation"; key: string; name: string; role: string | null; organisation: string | null };
type Item = {
  id: number;
  kind: string | null;
  title: string;
  description: string | null;
  time: string | null;
  startIso: string | null;
  endIso: string | null;
  speakers: Speaker[];
  parts: Item[];
};

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
    const list = speakers.filter((s) => s.part === part);
    if (!list.length) continue;
    groups.push(
      <div key={part} className={`speakers speakers-${part}`}>
        <dt>{list.length > 1 ? PART_LABELS[part].many : PART_LABELS[part].one}</dt>
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

function Kind({ kind }: { kind: string | null }) {
  if (!kind) return null;
  return <span className={`kind kind-${kind}`}>{KIND_LABELS[kind]}</span>;
}

export function Programme({ items }: { items: Item[] }) {
  if (!items.length) return <p>Le programme détaillé sera publié prochainement.</p>;
  return (
    <ol className="programme">
      {items.map((item) => (
        <li key={item.id} className={`programme-item programme-${item.kind ?? "other"}`}>
          <p className="programme-time">
            {item.time && item.startIso && item.endIso ? (
              <>
                <time dateTime={item.startIso}>{item.time.split(" – ")[0]}</time> –{" "}
                <time dateTime={item.endIso}>{item.time.split(" – ")[1]}</time>
              </>
            ) : null}
          </p>
          <div className="programme-body">
            <Kind kind={item.kind} />
            <h3>{item.title}</h3>
            {item.description ? <p>{item.description}</p> : null}
            <Speakers speakers={item.speakers} />
            {item.parts.length ? (
              <ul className="parts">
                {item.parts.map((part) => (
                  <li key={part.id} className={`part part-${part.kind ?? "talk"}`}>
                    <Kind kind={part.kind} />
                    <h4>{part.title}</h4>
                    {part.description ? <p>{part.description}</p> : null}
                    <Speakers speakers={part.speakers} />
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
