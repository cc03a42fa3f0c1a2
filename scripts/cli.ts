// Shared by the command-line tools: the server's configuration (same env file, same rules) and a
// migrated database.
import { openDatabase, type AppDatabase } from "../app/utils/db.server";
import { EnvError, configurationSource, parseEnv, type Env } from "../app/utils/env.server";

/** The server's configuration, or exit 1 with the message naming each wrong variable. */
export function envOrExit(): Env {
  try {
    return parseEnv(configurationSource());
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

export function openFromEnv(): { env: Env; db: AppDatabase } {
  const env = envOrExit();
  return { env, db: openDatabase(env.DATABASE_PATH) };
}
