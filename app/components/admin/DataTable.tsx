// A back-office data table: inside its scrolling region (TableScroll), with a caption (hidden unless
// asked) and a header row of column headings; the rows are the children. Styles: table.data in admin.css.
import type { CSSProperties, ReactNode } from "react";
import { TableScroll } from "../TableScroll";

/** A column heading: its text, or the text with `num` (right-aligned figures) or an inline style. */
export type Column = ReactNode | { label: ReactNode; num?: boolean; style?: CSSProperties };

const isColumnObject = (c: Column): c is { label: ReactNode; num?: boolean; style?: CSSProperties } => typeof c === "object" && c !== null && "label" in c;

export function DataTable(props: {
  /** Names the scrolling region and, unless `caption` is given, the caption too. */
  label: string;
  /** The caption's text when it differs from the label. */
  caption?: ReactNode;
  /** Show the caption rather than hide it visually. */
  visibleCaption?: boolean;
  id?: string;
  /** Extra classes after "data". */
  className?: string;
  columns: Column[];
  children: ReactNode;
}) {
  return (
    <TableScroll label={props.label}>
      <table className={props.className ? `data ${props.className}` : "data"} id={props.id}>
        <caption className={props.visibleCaption ? undefined : "visually-hidden"}>{props.caption ?? props.label}</caption>
        <thead>
          <tr>
            {props.columns.map((c, i) =>
              isColumnObject(c) ? (
                <th key={i} scope="col" className={c.num ? "num" : undefined} style={c.style}>
                  {c.label}
                </th>
              ) : (
                <th key={i} scope="col">
                  {c}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </TableScroll>
  );
}
