// Structured logs: one JSON object per line on stdout. Never pass personal data (names, addresses,
// tokens) in `fields`: request logs carry the method, a redacted path, the status and the duration.
type Level = "debug" | "info" | "warn" | "error";

export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  if (level === "error" || level === "warn") process.stderr.write(line + "\n");
  else process.stdout.write(line + "\n");
}

/** Paths that carry a secret (personal links, sign-in links) are logged with the secret replaced. */
export function redactPath(pathname: string): string {
  return pathname.replace(/\/(moi|connexion|desinscription)\/[^/.]+/g, "/$1/…");
}
