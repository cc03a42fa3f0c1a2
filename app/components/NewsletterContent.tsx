// A letter as pages show it (the public archive, the organisers' preview): the introduction
// (paragraphs, line breaks, links; every piece escaped by React) and the resources grouped by type,
// each with its page's link and its series.
import { Fragment } from "react";
import { Link } from "@remix-run/react";

export type IntroParagraphs = { text: string; href?: string }[][][];
export type LetterSection = { type: string; label: string; items: { resourceId: number | null; title: string; seriesTitle: string; path: string }[] };

export function IntroText({ paragraphs }: { paragraphs: IntroParagraphs }) {
  return (
    <>
      {paragraphs.map((lines, i) => (
        <p key={i}>
          {lines.map((segments, j) => (
            <Fragment key={j}>
              {j > 0 ? <br /> : null}
              {segments.map((s, k) =>
                s.href ? (
                  <a key={k} href={s.href} rel="nofollow noopener">
                    {s.text}
                  </a>
                ) : (
                  <Fragment key={k}>{s.text}</Fragment>
                ),
              )}
            </Fragment>
          ))}
        </p>
      ))}
    </>
  );
}

/** The resources of a letter by type; `headingLevel` 2 on the archive's page, 3 inside the organisers' preview. */
export function LetterSections({ sections, headingLevel = 2 }: { sections: LetterSection[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <>
      {sections.map((s) => (
        <section key={s.type} aria-label={s.label}>
          <Heading>
            {s.label} ({s.items.length})
          </Heading>
          <ul>
            {s.items.map((item, i) => (
              <li key={i}>
                <Link to={item.path}>{item.title}</Link> — <span className="muted">{item.seriesTitle}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
