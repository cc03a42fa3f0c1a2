import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useRouteError } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import appCss from "~/styles/app.css?url";
import { useNonce } from "~/utils/nonce";
import { NavItems, type NavItem } from "~/components/NavItems";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/**
 * After a client-side navigation to another page, move focus to the main content, as the skip link does.
 * Without it focus is left on <body> (the followed link is gone) and screen readers announce nothing.
 * Not on the first render, nor when only the hash or the query string changes.
 */
function FocusMainOnNavigation() {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    document.getElementById("contenu")?.focus({ preventScroll: true });
  }, [pathname]);
  return null;
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#contenu">
          Aller au contenu
        </a>
        <header className="site-header">
          <div className="wrap header-inner">
            <Link to="/" className="brand">
              Rendez-vous
              <span className="brand-tagline">Rencontres des acteurs de la santé</span>
            </Link>
            <nav aria-label="Navigation principale">
              <ul className="nav-list">
                <NavItems items={SITE_NAV} />
              </ul>
            </nav>
          </div>
        </header>
        <main id="contenu" tabIndex={-1} className="wrap">
          {children}
        </main>
        <footer className="site-footer">
          <div className="wrap">
            <p>
              Rendez-vous — plateforme des rencontres en ligne et en présentiel des acteurs de la santé publique. Les heures sont indiquées à l’heure de Paris.
            </p>
          </div>
        </footer>
        <FocusMainOnNavigation />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

const SITE_NAV: NavItem[] = [
  { to: "/", label: "Rencontres", end: true },
  { to: "/acteurs", label: "Acteurs" },
  { to: "/ressources", label: "Ressources" },
];

export default function App() {
  return <Outlet />;
}

/** The error page's heading for an HTTP status (also its document title). */
function errorTitle(status: number): string {
  return status === 404
    ? "Page introuvable"
    : status === 403
      ? "Accès refusé"
      : status === 429
        ? "Trop de demandes"
        : status === 400
          ? "Requête refusée"
          : "Une erreur est survenue";
}

/** A 403's reason (app/accounts/series-access.server.ts says it in French), or a general one. */
const refusal = (error: unknown) =>
  isRouteErrorResponse(error) && typeof error.data === "string" && error.data.trim() ? error.data.trim() : "Votre rôle ne permet pas d’ouvrir cette page.";

const errorStatus = (error: unknown) => (isRouteErrorResponse(error) ? error.status : 500);

/** Only for error pages: each route gives its own title; an error page's goes in <head> like theirs. */
export const meta: MetaFunction = ({ error }) => (error ? [{ title: `${errorTitle(errorStatus(error))} — Rendez-vous` }] : []);

export function ErrorBoundary() {
  const error = useRouteError();
  const status = errorStatus(error);
  const notFound = status === 404;
  const title = errorTitle(status);
  return (
    <>
      <div className="error-page">
        <h1>{title}</h1>
        {notFound ? (
          <p>La page demandée n’existe pas ou n’est plus en ligne. Vérifiez l’adresse, ou repartez de la liste des rencontres.</p>
        ) : status === 403 ? (
          <p>{refusal(error)} Demandez à un·e organisateur·rice de la série de vous donner le rôle nécessaire.</p>
        ) : status === 429 ? (
          <p>Vous avez envoyé beaucoup de demandes en peu de temps. Patientez quelques minutes avant de réessayer.</p>
        ) : status === 400 ? (
          <p>Le formulaire envoyé n’a pas pu être traité. Rechargez la page et réessayez.</p>
        ) : (
          <p>Le service n’a pas pu afficher cette page. Réessayez dans quelques instants ; si le problème persiste, contactez l’équipe organisatrice.</p>
        )}
        <p>
          <Link to="/">Voir toutes les rencontres</Link>
        </p>
      </div>
    </>
  );
}
