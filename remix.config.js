// The one home of Remix options. vite.config.ts imports this object and hands it to the Remix
// Vite plugin (see docs/decisions/001-remix-config-and-vite.md).
/** @type {import('@remix-run/dev').VitePluginConfig} */
export default {
  appDirectory: "app",
  buildDirectory: "build",
  ignoredRouteFiles: ["**/*.css", "**/*.test.*"],
  serverModuleFormat: "esm",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    // Off: on the server, lazy discovery matched the whole route table once per parent path of every
    // page to inline a partial manifest (~0.7 ms of a 3.5 ms render); the full manifest is a cached
    // static asset anyway (docs/decisions/020-page-cache-versions.md).
    v3_lazyRouteDiscovery: false,
    v3_routeConfig: true,
  },
};
