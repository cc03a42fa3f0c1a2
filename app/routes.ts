// The route table, grouped by area: public pages, the personal space (/moi), the organisers' space
// (/admin). Each URL is written here once; files live in app/routes/<area>/ and are named for what
// they show (docs/decisions/010-layout.md). Order and nesting reproduce the former file-system
// routes: the admin pages render inside routes/admin/layout.tsx, sign-in pages outside it.
import { index, prefix, route, type RouteConfig } from "@remix-run/route-config";

const publicPages = [
  index("routes/public/home.tsx"),
  route("acteurs", "routes/public/actors.tsx"),
  route("healthz", "routes/public/healthz.ts"),
  ...prefix("series/:slug", [
    index("routes/public/series.tsx"),
    route("calendar.ics", "routes/public/series-calendar.ts"),
    route("inscription", "routes/public/registration-form.tsx"),
    route("inscription/merci", "routes/public/registration-thanks.tsx"),
    ...prefix("sessions/:session", [index("routes/public/session.tsx"), route("calendar.ics", "routes/public/session-calendar.ts")]),
  ]),
  ...prefix("ressources", [
    index("routes/public/library.tsx"),
    ...prefix(":id", [index("routes/public/resource.tsx"), route("fichier", "routes/public/resource-file.ts")]),
    route(":id.bib", "routes/public/resource-bibtex.ts"),
    route(":id.ris", "routes/public/resource-ris.ts"),
  ]),
  route("desinscription/:token", "routes/public/unsubscribe.tsx"),
  ...prefix("attestations", [index("routes/public/certificate-check.tsx"), route(":code", "routes/public/certificate-verification.tsx")]),
  ...prefix("lettres", [
    index("routes/public/newsletter-archive.tsx"),
    route("abonnement", "routes/public/newsletter-subscribe.tsx"),
    route("confirmation/:token", "routes/public/newsletter-confirm.tsx"),
    route("desinscription/:token", "routes/public/newsletter-unsubscribe.tsx"),
    route(":number", "routes/public/newsletter-letter.tsx"),
  ]),
];

const personalSpace = prefix("moi", [
  index("routes/personal/ask-link.tsx"),
  ...prefix(":token", [
    index("routes/personal/space.tsx"),
    route("donnees.json", "routes/personal/data-export.ts"),
    ...prefix("ressources/:id", [index("routes/personal/resource.tsx"), route("fichier", "routes/personal/resource-file.ts")]),
    route("ressources/:id.bib", "routes/personal/resource-bibtex.ts"),
    route("ressources/:id.ris", "routes/personal/resource-ris.ts"),
    route("questionnaires/:id", "routes/personal/survey.tsx"),
    route("attestations/:registration", "routes/personal/certificate.tsx"),
    route("attestations/:registration.pdf", "routes/personal/certificate-pdf.ts"),
  ]),
]);

const signIn = prefix("admin/connexion", [index("routes/admin/sign-in.tsx"), route(":token", "routes/admin/sign-in-link.tsx")]);

const organisers = route("admin", "routes/admin/layout.tsx", [
  index("routes/admin/dashboard.tsx"),
  route("deconnexion", "routes/admin/sign-out.tsx"),
  route("emails", "routes/admin/emails.tsx", [route("apercu", "routes/admin/email-previews.tsx")]),
  route("journal", "routes/admin/audit-log.tsx"),
  route("lettre", "routes/admin/newsletter.tsx"),
  route("organisateurs", "routes/admin/accounts.tsx"),
  ...prefix("series", [
    index("routes/admin/series-list.tsx"),
    route("importer", "routes/admin/series-import.tsx"),
    ...prefix(":slug", [
      index("routes/admin/series/overview.tsx"),
      route("acteurs", "routes/admin/series/actors.tsx"),
      route("attestations", "routes/admin/series/certificates.tsx"),
      route("attestations/signature", "routes/admin/series/certificate-signature.ts"),
      route("attestations/:registration", "routes/admin/series/certificate.tsx"),
      route("attestations/:registration.pdf", "routes/admin/series/certificate-pdf.ts"),
      route("bilan", "routes/admin/series/report.tsx"),
      route("bilan.csv", "routes/admin/series/report-csv.ts"),
      route("bilan/questionnaires/:number.csv", "routes/admin/series/survey-answers-csv.ts"),
      route("emargement/:number.pdf", "routes/admin/series/sign-in-sheet.ts"),
      route("export.json", "routes/admin/series/export-json.ts"),
      route("inscrits", "routes/admin/series/registrants.tsx"),
      route("inscrits.csv", "routes/admin/series/registrants-csv.ts"),
      route("messages", "routes/admin/series/messages.tsx"),
      route("messages/:id", "routes/admin/series/message-editor.tsx"),
      route("accueil/:number", "routes/admin/series/check-in.tsx"),
      route("presence/:number", "routes/admin/series/attendance.tsx"),
      route("rappels", "routes/admin/series/reminders.tsx"),
      route("questions", "routes/admin/series/questions.tsx"),
      route("equipe", "routes/admin/series/team.tsx"),
      route("ressources", "routes/admin/series/resources.tsx", { index: true }),
      route("ressources/:id", "routes/admin/series/resource-editor.tsx", [route("fichier", "routes/admin/series/resource-file.ts")]),
      ...prefix("sessions/:number", [
        index("routes/admin/series/session-editor.tsx"),
        route("programme/:index", "routes/admin/series/programme-item.tsx"),
        route("questionnaire", "routes/admin/series/survey-editor.tsx"),
      ]),
    ]),
  ]),
]);

export default [...publicPages, ...personalSpace, ...signIn, organisers, route("*", "routes/public/not-found.tsx")] satisfies RouteConfig;
