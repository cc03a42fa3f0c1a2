// A session's attendance figures (confirmed, present, excused, absent, not noted, rate) and the
// button that marks everyone not noted as absent once the session has started.
import { Form } from "@remix-run/react";
import type { useLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/admin/series/attendance";

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
import { percent } from "../admin/percent";

export function AttendanceStats({ session, busy }: { session: Data["session"]; busy: boolean }) {
  return (
    <>
      <ul className="stats" aria-label="Bilan de présence">
        <li>
          <strong>{session.confirmed}</strong> confirmé·es
        </li>
        <li>
          <strong>{session.present}</strong> présent·es
        </li>
        <li>
          <strong>{session.excused}</strong> excusé·es
        </li>
        <li>
          <strong>{session.absent}</strong> absent·es
        </li>
        <li>
          <strong>{session.unknown}</strong> non renseigné·es
        </li>
        <li>
          <strong>{session.started ? percent(session.rate) : "—"}</strong> taux de présence (présent·es ÷ confirmé·es)
        </li>
      </ul>
      {session.unknown > 0 && session.started ? (
        <Form method="post" className="toolbar">
          <button type="submit" name="intent" value="absent" className="button-secondary" disabled={busy}>
            Marquer absent·es les {session.unknown} non renseigné·es
          </button>
          <span className="muted">Les personnes excusées ou déjà notées ne changent pas.</span>
        </Form>
      ) : null}
    </>
  );
}
