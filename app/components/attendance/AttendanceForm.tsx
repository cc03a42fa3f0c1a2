// The manual attendance form: one radio group per confirmed registrant (present, excused, absent,
// not noted; before the session starts only excused or not noted), with the value it had before so
// that only changes are saved.
import { Form } from "@remix-run/react";
import type { useLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/admin/series/attendance";

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
import { DataTable } from "../admin/DataTable";
import { ATTENDANCE_LABELS } from "~/utils/admin-labels";

/** The form's value for "not noted" (no attendance stored). */
export const UNKNOWN = "non-renseigne";

const CHOICES: [string, string][] = [
  ["present", ATTENDANCE_LABELS.present],
  ["excused", ATTENDANCE_LABELS.excused],
  ["absent", ATTENDANCE_LABELS.absent],
  [UNKNOWN, "Non renseigné"],
];

/** Before the session starts, only "excusé" can be noted (attendanceRefusal). */
const CHOICES_BEFORE_START = CHOICES.filter(([value]) => value === "excused" || value === UNKNOWN);

export function AttendanceForm({ session, rows, busy, formKey }: { session: Data["session"]; rows: Data["rows"]; busy: boolean; formKey: string }) {
  return (
    <Form method="post" key={formKey}>
      <input type="hidden" name="intent" value="mark" />
      <DataTable label="Présence des inscrit·es confirmé·es" columns={["Nom", "E-mail", "Structure", { label: "Minutes", num: true }, "Présence"]}>
        {rows.map((r) => {
          const current = r.attendance ?? UNKNOWN;
          return (
            <tr key={r.registrationId}>
              <th scope="row">
                {r.firstName} {r.lastName}
              </th>
              <td>{r.email}</td>
              <td>{r.organisation ?? "—"}</td>
              <td className="num">{r.attendance === "present" && r.attendedMinutes !== null ? r.attendedMinutes : "—"}</td>
              <td>
                <input type="hidden" name={`avant-${r.registrationId}`} value={current} />
                <fieldset className="inline-choices">
                  <legend className="visually-hidden">{`Présence de ${r.firstName} ${r.lastName}`}</legend>
                  {(session.started ? CHOICES : CHOICES_BEFORE_START).map(([value, label]) => (
                    <span key={value}>
                      <input
                        type="radio"
                        id={`presence-${r.registrationId}-${value}`}
                        name={`presence-${r.registrationId}`}
                        value={value}
                        defaultChecked={current === value}
                      />{" "}
                      <label htmlFor={`presence-${r.registrationId}-${value}`}>{label}</label>{" "}
                    </span>
                  ))}
                </fieldset>
              </td>
            </tr>
          );
        })}
      </DataTable>
      <p>
        <button type="submit" className="button" disabled={busy}>
          Enregistrer la présence
        </button>
      </p>
    </Form>
  );
}
