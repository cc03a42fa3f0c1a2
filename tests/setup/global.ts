// Server and browser tests run the production build: `npm test` builds first; a bare `vitest` run
// builds when the build is missing.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

export default function setup() {
  if (!existsSync("build/server/index.js")) execSync("npx remix vite:build", { stdio: "inherit" });
}
