// Server-rendered SVG bar charts: no script, printable, each an <svg role="img"> named by its <title>
// and described by its <desc>, followed by the same figures as an HTML table (the text alternative).
// Colours are sober and contrast with white (≥ 3:1 for the bars, ≥ 4.5:1 for text); every bar also
// carries its value as text, so that colour is never the only way to read the chart.
import type { CSSProperties, ReactNode } from "react";
import { TableScroll } from "./TableScroll";

export const CHART_COLOURS = {
  /** Brand blue, 8.1:1 on white. */
  primary: "#1d4f91",
  /** Dark amber, 5.6:1 on white; tells apart from the blue for the common colour-vision deficiencies. */
  secondary: "#a4500a",
  ink: "#1b1f24",
  muted: "#4a5360",
  grid: "#cfd6df",
} as const;

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

/** A round upper bound and step for an axis from 0 to `max` (at most ~5 steps). */
export function niceScale(max: number): { max: number; step: number } {
  if (!(max > 0)) return { max: 5, step: 1 };
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const stepInt = Math.max(1, Math.round(step));
  return { max: Math.ceil(max / stepInt) * stepInt, step: stepInt };
}

const fmt = (n: number) => n.toLocaleString("fr-FR");

type ChartRow = { key: string; label: string; values: number[] };

/**
 * A chart's figures as an HTML table (its text alternative), in a scrolling region on narrow screens:
 * one row per bar group, a row header then one number per column.
 */
function ChartTable({ title, headers, rows }: { title: string; headers: string[]; rows: ChartRow[] }) {
  const name = `${title} : les chiffres du graphique`;
  const [rowHeader, ...columns] = headers;
  return (
    <TableScroll label={name}>
      <table className="data chart-data">
        <caption>{name}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            {columns.map((h, i) => (
              <th key={i} scope="col" className="num">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {r.values.map((v, i) => (
                <td key={i} className="num">
                  {fmt(v)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * A chart's frame: an <svg role="img"> named by its <title> and described by its <desc>, holding the
 * drawing, then the same figures as a table.
 */
function ChartFigure(props: { chart: Described; width: number; height: number; headers: string[]; rows: ChartRow[]; children: ReactNode }) {
  const { id, title, description } = props.chart;
  const { width, height } = props;
  return (
    <figure className="chart-figure" style={{ margin: "1rem 0" }}>
      <svg
        role="img"
        aria-labelledby={`${id}-titre ${id}-desc`}
        className="chart"
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        fontFamily={FONT}
        fontSize={12}
        style={{ printColorAdjust: "exact", WebkitPrintColorAdjust: "exact" } as CSSProperties}
      >
        <title id={`${id}-titre`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {props.children}
      </svg>
      <ChartTable title={title} headers={props.headers} rows={props.rows} />
    </figure>
  );
}

export type ChartSeries = { key: string; label: string; colour: string; values: number[] };

/** What names and describes a chart. */
type Described = {
  /** Unique in the page: ids of the title and description derive from it. */
  id: string;
  title: string;
  description: string;
};

type GroupedProps = Described & {
  /** Short labels under each group ("RDV #1"). */
  categories: string[];
  /** Longer names for the table's row headers (defaults to the categories). */
  categoryNames?: string[];
  categoryHeader: string;
  series: ChartSeries[];
};

/** Vertical bars, one group per category, one bar per series in each group. */
export function GroupedBarChart({ categories, categoryNames, categoryHeader, series, ...chart }: GroupedProps) {
  const width = 640;
  const height = 300;
  const m = { top: 40, right: 12, bottom: 36, left: 44 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const scale = niceScale(Math.max(0, ...series.flatMap((s) => s.values)));
  const y = (v: number) => m.top + plotH - (v / scale.max) * plotH;
  const band = categories.length ? plotW / categories.length : plotW;
  const barW = Math.max(4, Math.min(36, (band * 0.75) / Math.max(1, series.length)));
  const ticks = Array.from({ length: scale.max / scale.step + 1 }, (_, i) => i * scale.step);
  return (
    <ChartFigure
      chart={chart}
      width={width}
      height={height}
      headers={[categoryHeader, ...series.map((s) => s.label)]}
      rows={categories.map((c, ci) => ({ key: `${c}-${ci}`, label: categoryNames?.[ci] ?? c, values: series.map((s) => s.values[ci] ?? 0) }))}
    >
      {/* Legend */}
      {series.map((s, i) => (
        <g key={s.key} transform={`translate(${m.left + i * 170}, 12)`}>
          <rect x={0} y={0} width={14} height={14} fill={s.colour} />
          <text x={20} y={11.5} fill={CHART_COLOURS.ink}>
            {s.label}
          </text>
        </g>
      ))}
      {/* Axis and grid */}
      {ticks.map((v) => (
        <g key={v}>
          <line x1={m.left} x2={width - m.right} y1={y(v)} y2={y(v)} stroke={CHART_COLOURS.grid} strokeWidth={1} />
          <text x={m.left - 6} y={y(v) + 4} textAnchor="end" fill={CHART_COLOURS.muted}>
            {fmt(v)}
          </text>
        </g>
      ))}
      <line x1={m.left} x2={width - m.right} y1={y(0)} y2={y(0)} stroke={CHART_COLOURS.muted} strokeWidth={1} />
      {/* Bars */}
      {categories.map((c, ci) => {
        const groupX = m.left + ci * band + (band - barW * series.length) / 2;
        return (
          <g key={`${c}-${ci}`}>
            {series.map((s, si) => {
              const v = s.values[ci] ?? 0;
              const x = groupX + si * barW;
              return (
                <g key={s.key}>
                  <rect className="chart-bar" data-serie={s.key} x={x + 1} y={y(v)} width={barW - 2} height={Math.max(0, y(0) - y(v))} fill={s.colour} />
                  <text x={x + barW / 2} y={y(v) - 4} textAnchor="middle" fill={CHART_COLOURS.ink} fontSize={11}>
                    {fmt(v)}
                  </text>
                </g>
              );
            })}
            <text x={m.left + ci * band + band / 2} y={height - m.bottom + 18} textAnchor="middle" fill={CHART_COLOURS.ink}>
              {c}
            </text>
          </g>
        );
      })}
    </ChartFigure>
  );
}

type HorizontalProps = Described & {
  items: { label: string; value: number }[];
  labelHeader: string;
  valueHeader: string;
  colour?: string;
};

/** Horizontal bars, one per item (labels can be long: structure types, territories). */
export function HorizontalBarChart({ items, labelHeader, valueHeader, colour = CHART_COLOURS.primary, ...chart }: HorizontalProps) {
  const width = 640;
  const row = 26;
  const m = { top: 8, right: 48, bottom: 8, left: 290 };
  const height = m.top + m.bottom + Math.max(1, items.length) * row;
  const plotW = width - m.left - m.right;
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <ChartFigure
      chart={chart}
      width={width}
      height={height}
      headers={[labelHeader, valueHeader]}
      rows={items.map((item, i) => ({ key: `${item.label}-${i}`, label: item.label, values: [item.value] }))}
    >
      <line x1={m.left} x2={m.left} y1={m.top} y2={height - m.bottom} stroke={CHART_COLOURS.muted} strokeWidth={1} />
      {items.map((item, i) => {
        const yTop = m.top + i * row;
        const w = (item.value / max) * plotW;
        return (
          <g key={`${item.label}-${i}`}>
            <text x={m.left - 8} y={yTop + row / 2 + 4} textAnchor="end" fill={CHART_COLOURS.ink}>
              {item.label.length > 44 ? `${item.label.slice(0, 43)}…` : item.label}
            </text>
            <rect className="chart-bar" x={m.left} y={yTop + 4} width={Math.max(0, w)} height={row - 8} fill={colour} />
            <text x={m.left + w + 6} y={yTop + row / 2 + 4} fill={CHART_COLOURS.ink}>
              {fmt(item.value)}
            </text>
          </g>
        );
      })}
    </ChartFigure>
  );
}
