// The scrolling region of a wide table: on a narrow screen the table scrolls sideways inside it, never
// the whole page. A region named by `label` and reachable with Tab, so that keyboard users can scroll it
// with the arrow keys (WCAG 2.1.1; axe's scrollable-region-focusable). Styles: .table-scroll in admin.css.
import type { ReactNode } from "react";

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must take keyboard focus (axe scrollable-region-focusable)
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
