import { health } from "~/server/runtime.server";

/**
 * Health check for the operator (app/server/runtime.server.ts): 503 when the database cannot be read
 * or its file is gone or replaced; otherwise 200, "degraded" when emails are late or the last
 * dispatch run failed, with the dispatcher's state.
 */
export async function loader() {
  const { httpStatus, body } = health();
  return new Response(JSON.stringify(body), {
    status: httpStatus,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}
