// The in-process memo of the series and session pages' data (ADR 020): kept while the series'
// version and the clock interval are unchanged, recomputed after a write that the page shows
// (whatever the connection), and at the instant a session ends.
import { describe, expect, it } from "vitest";
import { getSeriesPage, getSessionPage } from "~/series/catalog.server";
import { fileDb, fixture, importOrThrow } from "../helpers/db";
import Database from "better-sqlite3";

const SLUG = "rdv-sante-qpv-seine-maritime-2022";
const BEFORE = "2022-01-10T09:00:00Z"; // before every session of the 2022 series

describe("page data memo", () => {
  it("is reused while nothing shown changes, recomputed after another connection's edit and when a session ends", () => {
    const { db, file, cleanup } = fileDb();
    try {
      importOrThrow(db, fixture(), { nowIso: BEFORE });
      const first = getSeriesPage(db, SLUG, BEFORE)!;
      expect(getSeriesPage(db, SLUG, BEFORE)).toBe(first);
      const session = first.sessions[0];
      expect(session.past).toBe(false);
      const sessionPage = getSessionPage(db, SLUG, session.slug, BEFORE)!;
      expect(getSessionPage(db, SLUG, session.slug, BEFORE)).toBe(sessionPage);

      // Writes no page shows: an outbox row, an audit row.
      db.$client
        .prepare("insert into outbox (kind, dedupe_key, to_address, due_at, next_attempt_at) values ('confirmation', 'memo-test', 'a@example.org', ?, ?)")
        .run(BEFORE, BEFORE);
      db.$client.prepare("insert into audit_log (action, entity) values ('test', 'test')").run();
      expect(getSeriesPage(db, SLUG, BEFORE)).toBe(first);

      // Another connection (another process would do the same) renames the session.
      const other = new Database(file);
      other.prepare("update sessions set title = 'Titre corrigé' where id = ?").run(session.id);
      other.close();
      const renamed = getSeriesPage(db, SLUG, BEFORE)!;
      expect(renamed).not.toBe(first);
      expect(renamed.sessions[0].title).toBe("Titre corrigé");
      expect(getSessionPage(db, SLUG, session.slug, BEFORE)!.session.title).toBe("Titre corrigé");

      // The clock: at its end the session is « Terminée », without any write.
      expect(getSeriesPage(db, SLUG, session.endsAt)!.sessions[0].past).toBe(true);
      expect(getSessionPage(db, SLUG, session.slug, session.endsAt)!.session.past).toBe(true);
      // An earlier "now" (a test's injected clock) is not served the later result.
      expect(getSeriesPage(db, SLUG, BEFORE)!.sessions[0].past).toBe(false);
    } finally {
      cleanup();
    }
  });
});
