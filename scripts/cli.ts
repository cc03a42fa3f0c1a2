// Shared by the command-line tools: the server's configuration (same env file, same rules) and a
// migrated database.
import { openDatabase, type AppDatabase } from "../app/utils/db.server";
import { EnvError, configurationSource, parseEnv, type Env } from "../app/utils/env.server";

export function openFromEnv(): { env: Env; db: AppDatabase } {
  try {
    const env = parseEnv(configurationSource());
    return { env, db: openDatabase(env.DATABASE_PATH) };
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
