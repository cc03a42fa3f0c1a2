// The items of a navigation list (the site's header, the organisers' space): one NavLink each, the
// current page marked by React Router (aria-current). `end`: marked only on that exact address.
import { NavLink } from "@remix-run/react";

export type NavItem = { to: string; label: string; end?: boolean };

export function NavItems({ items }: { items: NavItem[] }) {
  return items.map((item) => (
    <li key={item.to}>
      <NavLink to={item.to} end={item.end}>
        {item.label}
      </NavLink>
    </li>
  ));
}
