import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// Vitest loads this file too: the Remix plugin is only for the app build and the dev server.
const underVitest = Boolean(process.env.VITEST);

export default defineConfig({
  plugins: [...(underVitest ? [] : [remix(remixConfig)]), tsconfigPaths()],
  build: { target: "es2020" },
  server: { port: Number(process.env.PORT ?? 3000) },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    globalSetup: ["tests/setup/global.ts"],
    pool: "forks",
    // No configuration file in tests, whatever .env the working copy holds (app/utils/env.server.ts).
    env: { ENV_FILE: "" },
  },
});
