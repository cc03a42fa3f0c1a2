// Server and browser tests run the production build: `npm test` builds first; a bare `vitest` run
// builds when the build is missing.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

export default function setup() {
  if (!existsSync("build/server/index.js")) {
    // Without VITEST in its environment, so that vite.config.ts keeps the Remix plugin.
    const { VITEST: _vitest, ...env } = process.env;
    execSync("npx remix vite:build", { stdio: "inherit", env });
  }
}
