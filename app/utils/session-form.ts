// The back-office session form, in one place for adding and editing a session: how its fields are
// read into a series-file session, and where each problem of the series-file validation is shown
// (next to its field, or in the summary: never dropped). Client-safe (no server import).
import { placeProblems, type Problem } from "./problems";

/** Form field ← series-file path under the session ("venue" alone means the venue is missing). */
const FIELD_OF_PATH: [field: string, test: (path: string, message: string) => boolean][] = [
  ["title", (p) => p === "title"],
  ["theme", (p) => p === "theme"],
  ["date", (p, m) => p === "start" && /date/.test(m)],
  ["start", (p) => p === "start"],
  ["end", (p) => p === "end"],
  ["mode", (p) => p === "mode"],
  ["status", (p) => p === "status"],
  ["capacity", (p) => p === "capacity"],
  ["remoteCapacity", (p) => p === "remoteCapacity"],
  ["venueName", (p) => p === "venue" || p === "venue.name"],
  ["venueAddress", (p) => p === "venue.address"],
  ["venueInstructions", (p) => p === "venue.instructions"],
  ["venueAccessibility", (p) => p === "venue.accessibility"],
  ["venueContact", (p) => p === "venue.contact"],
  ["provider", (p) => p === "access.provider"],
  ["joinUrl", (p) => p === "access.joinUrl"],
  ["meetingId", (p) => p === "access.meetingId"],
  ["passcode", (p) => p === "access.passcode"],
  ["dialIn", (p) => p.startsWith("access.dialIn")],
  ["accessInstructions", (p) => p === "access.instructions"],
];

export const SESSION_FIELD_LABELS: Record<string, string> = {
  title: "Titre",
  theme: "Thème",
  date: "Date",
  start: "Début",
  end: "Fin",
  mode: "Format",
  status: "Statut",
  capacity: "Jauge",
  remoteCapacity: "Places à distance",
  venueName: "Nom du lieu",
  venueAddress: "Adresse",
  venueInstructions: "Accès",
  venueAccessibility: "Accessibilité",
  venueContact: "Contact le jour même",
  provider: "Outil",
  joinUrl: "Lien de connexion",
  meetingId: "ID de réunion",
  passcode: "Code secret",
  dialIn: "Numéros d’appel",
  accessInstructions: "Instructions de connexion",
};

/** Each problem of the session at `prefix` ("sessions[2]") next to its field; every other one for the summary. */
export function sessionProblems(problems: Problem[], prefix: string): { errors: Record<string, string>; others: Problem[] } {
  return placeProblems(problems, (p) => {
    const under = p.path.startsWith(`${prefix}.`) ? p.path.slice(prefix.length + 1) : null;
    const field = under === null ? undefined : FIELD_OF_PATH.find(([, test]) => test(under, p.message))?.[0];
    return field ? { field, message: p.message } : null;
  });
}

/** A field's name in a form: "title", or "sessionTitle" with the prefix "session" (a form beside another). */
export const fieldName = (prefix: string, name: string) => (prefix ? `${prefix}${name[0].toUpperCase()}${name.slice(1)}` : name);

/** Errors and labels keyed by the prefixed names, for ErrorSummary. */
export function prefixed<T>(prefix: string, record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [fieldName(prefix, k), v]));
}

/** The session's own fields as typed (the caller adds number, slug, status, programme). */
export function readSessionFields(form: FormData, defaults: { mode: string }, prefix = "") {
  const raw = (name: string) => String(form.get(fieldName(prefix, name)) ?? "");
  const text = (name: string) => raw(name).trim() || null;
  const count = (name: string) => {
    const v = raw(name).trim();
    // A wrong value goes on as typed: the series-file validation names it.
    return v === "" ? null : /^\d+$/.test(v) ? Number(v) : (v as unknown as number);
  };
  const date = raw("date");
  const mode = (text("mode") ?? defaults.mode) as "online" | "in-person" | "hybrid";
  const venue = {
    name: text("venueName") ?? "",
    address: text("venueAddress"),
    instructions: text("venueInstructions"),
    accessibility: text("venueAccessibility"),
    contact: text("venueContact"),
  };
  const hasVenue = Object.values(venue).some(Boolean);
  return {
    title: raw("title").trim(),
    theme: text("theme") ?? undefined,
    start: `${date}T${raw("start")}`,
    end: `${date}T${raw("end")}`,
    mode,
    capacity: count("capacity"),
    // Remote seats mean something for a hybrid session only; the field is ignored otherwise.
    remoteCapacity: mode === "hybrid" ? count("remoteCapacity") : null,
    venue: hasVenue ? venue : null,
  };
}

/** The session's access information as typed (the secret codes); null when none is given. */
export function readAccessFields(form: FormData) {
  const text = (name: string) => String(form.get(name) ?? "").trim() || null;
  if (!["joinUrl", "meetingId", "passcode", "dialIn"].some((k) => text(k))) return null;
  return {
    provider: text("provider"),
    joinUrl: text("joinUrl"),
    meetingId: text("meetingId"),
    passcode: text("passcode"),
    // One line each: "label | number", or a bare number.
    dialIn: String(form.get("dialIn") ?? "")
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const [label, ...num] = l.split("|");
        return num.length ? { label: label.trim(), number: num.join("|").trim() } : { label: "Téléphone", number: label.trim() };
      }),
    instructions: text("accessInstructions"),
  };
}
