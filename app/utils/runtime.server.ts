// What the server process starts and stops around Remix: configuration, the database (migrated and
// seeded), and later the email scheduler. server.mjs reaches this through the server build's entry
// module (app/entry.server.tsx exports `runtime`).
import { DateTime } from "luxon";
import { seedIfEmpty } from "~/models/seed.server";
import { closeDatabase, getDb, openDatabase, setDb } from "./db.server";
import { EnvError, getEnv, type Env } from "./env.server";
import { log, redactPath } from "./log.server";

export type Runtime = {
  env: Env;
  stop: () => Promise<void>;
};

export function loadEnv(): Env {
  return getEnv();
}

export async function start(): Promise<Runtime> {
  const env = getEnv();
  const db = openDatabase(env.DATABASE_PATH);
  setDb(db);
  const seeded = seedIfEmpty(db, DateTime.now());
  if (seeded.length) log("info", "demo data loaded", { series: seeded });
  log("info", "database ready", { file: env.DATABASE_PATH });
  return {
    env,
    stop: async () => {
      setDb(undefined);
      closeDatabase(db);
      log("info", "database closed");
    },
  };
}

export function ping(): boolean {
  return getDb().$client.prepare("select 1 as ok").get() !== undefined;
}

export { EnvError, log, redactPath };
