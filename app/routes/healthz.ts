import { ping } from "~/utils/runtime.server";

/** Health check for the operator: 200 when the database answers, 503 otherwise. */
export async function loader() {
  let database = false;
  try {
    database = ping();
  } catch {
    database = false;
  }
  return new Response(JSON.stringify({ status: database ? "ok" : "error", database: database ? "ok" : "unreachable" }), {
    status: database ? 200 : 503,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}
