// The sign-in sheet (« feuille d’émargement ») of an in-person or hybrid session: an A4 PDF that
// people sign at the door, the proof of attendance publicly funded events must keep. What it says
// (signInSheetFor): the series, the session, its date and time in the series' zone, its place, the
// series' organisers and funders (organisations with the role "funder"), then one line per confirmed
// registrant coming on site, sorted by last name then first name (French collation), and blank lines
// for walk-ins. How it looks (renderSignInSheet): the heading and the column headers on every page,
// "Page n / N" at the foot. Online sessions and sessions without anyone on site get no sheet: a
// French sentence says why (the pages show it instead of the link).
import { and, asc, eq } from "drizzle-orm";
import * as t from "../../db/schema";
import { sessionAttendance, sessionByNumber } from "~/attendance/attendance.server";
import { venueOf } from "~/series/session-access.server";
import { findSeries } from "~/series/series-lookup.server";
import { formatSessionWhen } from "~/utils/dates.server";
import type { AppDatabase } from "~/utils/db.server";
import { participationOf } from "~/utils/formats";
import { frenchTypography } from "~/utils/typography";
import { A4, newA4Document, numberPages, pdfBytes, type Pdf } from "./pdf.server";

export type SheetLine = { lastName: string; firstName: string; organisation: string | null };

export type SignInSheet = {
  seriesTitle: string;
  session: string;
  when: string;
  place: string | null;
  organisers: string[];
  funders: string[];
  lines: SheetLine[];
  blankLines: number;
  fileName: string;
};

export type SheetOutcome = { ok: true; sheet: SignInSheet } | { ok: false; status: 404 | 409; message: string };

/** At least this many blank lines for walk-ins (then the rest of the last page). */
export const MIN_BLANK_LINES = 10;

export const NO_SHEET_ONLINE =
  "Cette rencontre a lieu en ligne : personne ne signe de feuille d’émargement. La présence se note sur la page « Présence » (à la main ou par le rapport de Zoom).";
export const NO_SHEET_EMPTY =
  "Aucun·e inscrit·e confirmé·e ne vient sur place à cette rencontre : il n’y a pas de feuille d’émargement à imprimer. Rien n’a été modifié.";

/** Organisation names of a series with this role, in the series' order. */
function organisationsWithRole(db: AppDatabase, seriesId: number, role: (typeof t.ORGANISATION_ROLES)[number]): string[] {
  return db
    .select({ name: t.organisations.name })
    .from(t.seriesOrganisations)
    .innerJoin(t.organisations, eq(t.organisations.id, t.seriesOrganisations.organisationId))
    .where(and(eq(t.seriesOrganisations.seriesId, seriesId), eq(t.seriesOrganisations.role, role)))
    .orderBy(asc(t.seriesOrganisations.position))
    .all()
    .map((o) => o.name);
}

/** The sheet of session `number` of series `slug`, or why there is none (French). Reads only. */
export function signInSheetFor(db: AppDatabase, slug: string, number: number): SheetOutcome {
  const series = findSeries(db, slug, "organiser");
  const session = series ? sessionByNumber(db, series.id, number) : null;
  if (!series || !session) return { ok: false, status: 404, message: "Rencontre introuvable : vérifiez le numéro de la rencontre dans l’adresse." };
  if (session.mode === "online") return { ok: false, status: 409, message: NO_SHEET_ONLINE };
  const lines = sessionAttendance(db, session.id)
    .filter((r) => !r.erasedAt && participationOf(session.mode, r.participation) === "onsite")
    .map(({ lastName, firstName, organisation }) => ({ lastName, firstName, organisation }));
  if (!lines.length) return { ok: false, status: 409, message: NO_SHEET_EMPTY };
  const venue = venueOf(session);
  return {
    ok: true,
    sheet: {
      seriesTitle: series.title,
      session: `RDV #${session.number} — ${session.title}`,
      when: formatSessionWhen(session.startsAt, session.endsAt, series.timezone),
      place: [venue.name, venue.address].filter(Boolean).join(", ") || null,
      organisers: organisationsWithRole(db, series.id, "organiser"),
      funders: organisationsWithRole(db, series.id, "funder"),
      lines,
      blankLines: Math.max(MIN_BLANK_LINES, Math.ceil(lines.length / 10)),
      fileName: `emargement-${series.slug}-rdv-${session.number}.pdf`,
    },
  };
}

const WIDTH = A4.width - 2 * A4.margin;
const COLUMNS = [
  { title: "N°", width: 28 },
  { title: "Nom et prénom", width: 160 },
  { title: "Structure", width: 150 },
  { title: "Signature", width: WIDTH - 28 - 160 - 150 },
];
/** A row: room for a signature (about 1 cm) and two lines of a long structure's name. */
const ROW = 28;
/** Lowest y a row may reach: room is kept under it for the page number. */
const BOTTOM = A4.height - A4.margin - 6;

function heading(doc: Pdf, sheet: SignInSheet): number {
  const x = A4.margin;
  doc.font("bold").fontSize(15).fillColor("#000").text("Feuille d’émargement", x, A4.margin, { width: WIDTH });
  doc.font("bold").fontSize(11).text(sheet.seriesTitle, { width: WIDTH });
  doc.font("bold").fontSize(10.5).text(sheet.session, { width: WIDTH });
  doc.font("regular").fontSize(9.5);
  doc.text(sheet.when.charAt(0).toUpperCase() + sheet.when.slice(1), { width: WIDTH });
  if (sheet.place) doc.text(`Lieu : ${sheet.place}`, { width: WIDTH });
  if (sheet.organisers.length) doc.text(`Organisé par : ${sheet.organisers.join(", ")}`, { width: WIDTH });
  if (sheet.funders.length) doc.text(`Avec le soutien financier de : ${sheet.funders.join(", ")}`, { width: WIDTH });
  const top = doc.y + 8;
  let cx = x;
  doc.font("bold").fontSize(9);
  doc.rect(x, top, WIDTH, 18).fillAndStroke("#e8e8e8", "#000");
  doc.fillColor("#000");
  for (const c of COLUMNS) {
    doc.text(c.title, cx + 4, top + 5, { width: c.width - 8, lineBreak: false });
    cx += c.width;
  }
  return top + 18;
}

function row(doc: Pdf, y: number, n: number, line: SheetLine | null) {
  let cx = A4.margin;
  doc.lineWidth(0.6).strokeColor("#000");
  // Names as typed; a structure's name with French spacing (no « » left alone at a line's start).
  const cells = line ? [String(n), `${line.lastName} ${line.firstName}`, frenchTypography(line.organisation ?? ""), ""] : [String(n), "", "", ""];
  // Two lines of 8.5 pt fit in a row: a long structure wraps once, then ends with "…".
  doc.font("regular").fontSize(8.5).fillColor("#000");
  COLUMNS.forEach((c, i) => {
    doc.rect(cx, y, c.width, ROW).stroke();
    if (cells[i]) doc.text(cells[i], cx + 4, y + 3, { width: c.width - 8, height: ROW - 4, ellipsis: true, lineGap: -1 });
    cx += c.width;
  });
}

/** The PDF of a sheet. Its size grows with the lines (about 1 KB per page beyond the fonts' subsets). */
export async function renderSignInSheet(sheet: SignInSheet): Promise<Buffer> {
  const doc = newA4Document({ title: `Feuille d’émargement — ${sheet.session}`, subject: sheet.seriesTitle });
  let y = 0;
  const newPage = () => {
    doc.addPage();
    y = heading(doc, sheet);
  };
  newPage();
  let n = 0;
  for (const line of sheet.lines) {
    if (y + ROW > BOTTOM) newPage();
    row(doc, y, ++n, line);
    y += ROW;
  }
  // Blank lines for walk-ins: at least blankLines of them, then down to the foot of the last page.
  for (let blank = 0; blank < sheet.blankLines || y + ROW <= BOTTOM; blank++) {
    if (y + ROW > BOTTOM) newPage();
    row(doc, y, ++n, null);
    y += ROW;
  }
  numberPages(doc);
  return pdfBytes(doc);
}

/** What the session pages show: the sheet's address, or why there is none. */
export function signInSheetLink(db: AppDatabase, slug: string, number: number): { href: string } | { reason: string } {
  const outcome = signInSheetFor(db, slug, number);
  return outcome.ok ? { href: `/admin/series/${slug}/emargement/${number}.pdf` } : { reason: outcome.message };
}
