// Search matches marked by the database (\u0001 … \u0002, see app/resources/library.server.ts) shown as
// <mark>: the text is split on the markers and rendered as text nodes, so nothing in it is ever HTML.
export const MARK_START = "\u0001";
export const MARK_END = "\u0002";

export function Highlight({ text }: { text: string }) {
  const pieces: { text: string; mark: boolean }[] = [];
  let rest = text;
  while (rest) {
    const start = rest.indexOf(MARK_START);
    if (start < 0) {
      pieces.push({ text: rest, mark: false });
      break;
    }
    if (start > 0) pieces.push({ text: rest.slice(0, start), mark: false });
    const end = rest.indexOf(MARK_END, start + 1);
    const inner = rest.slice(start + 1, end < 0 ? undefined : end);
    pieces.push({ text: inner, mark: true });
    rest = end < 0 ? "" : rest.slice(end + 1);
  }
  return (
    <>
      {pieces.map((p, i) =>
        p.mark ? <mark key={i}>{p.text.replace(/[\u0001\u0002]/g, "")}</mark> : <span key={i}>{p.text.replace(/[\u0001\u0002]/g, "")}</span>,
      )}
    </>
  );
}
