// Structured logs: one JSON object per line (info and debug on stdout, warnings and errors on
// stderr), every line passed through redact() — whatever wrote it: our code, Remix's own error
// output, a library's console.warn (installConsoleRedirect() sends the console here). Never pass
// personal data (names, addresses) in `fields`; secrets that slip in (personal links, sign-in links,
// session ids) are replaced by "…".
import { format } from "node:util";

type Level = "debug" | "info" | "warn" | "error";

// Paths that carry a secret, written plainly or percent-encoded ("%2Fmoi%2F…").
const SECRET_PATH = /((?:\/|%2F)(?:moi|connexion|desinscription|confirmation)(?:\/|%2F))[^/\s?#"'\\<>&]+/gi;
// Random tokens (base64url, ≥ 24 bytes) wherever they appear; slugs and words have no capital or "_".
const TOKEN = /(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*[A-Z_])[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g;

/** Replaces the secrets a text may carry (tokens in paths, long random strings) by "…". */
export function redact(text: string): string {
  return text.replace(SECRET_PATH, "$1…").replace(TOKEN, "…");
}

/** Paths that carry a secret (personal links, sign-in links) are logged with the secret replaced. */
export function redactPath(pathname: string): string {
  return redact(pathname);
}

const out = { stdout: process.stdout.write.bind(process.stdout), stderr: process.stderr.write.bind(process.stderr) };

function write(level: Level, line: string) {
  (level === "error" || level === "warn" ? out.stderr : out.stdout)(line + "\n");
}

export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  write(level, redact(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })));
}

/**
 * The one exception to redaction: with no SMTP_URL, each email kept in the development mailbox is
 * printed with its links, so that the first organiser can sign in from the console (README). Never
 * used when a mail server is configured.
 */
export function logDevMailbox(fields: { to: string; subject: string; links: string[] }): void {
  write("info", JSON.stringify({ time: new Date().toISOString(), level: "info", msg: "email kept in the development mailbox", ...fields }));
}

let redirected = false;

/** Sends console.log/info/debug/warn/error through log(): JSON lines, redacted. */
export function installConsoleRedirect(): void {
  if (redirected) return;
  redirected = true;
  const to =
    (level: Level) =>
    (...args: unknown[]) =>
      log(level, "console", { message: format(...args) });
  console.log = to("info");
  console.info = to("info");
  console.debug = to("debug");
  console.warn = to("warn");
  console.error = to("error");
}
