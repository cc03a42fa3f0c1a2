// The app's routes as the server build lists them, with their parameters filled in: guard tests walk
// this table, so a new route is covered without editing them.
import path from "node:path";

type BuildRoute = { id: string; parentId?: string; path?: string; index?: boolean; module: { action?: unknown; loader?: unknown; default?: unknown } };
/** `hasView`: the route renders a page (a default export), as opposed to a resource route (CSV, JSON, file). */
export type AppRoute = { id: string; url: string; hasAction: boolean; hasLoader: boolean; hasView: boolean };

export const DEMO_PARAMS: Record<string, string> = {
  slug: "rdv-sante-mentale-jeunes-eure-demo",
  number: "2",
  index: "0",
  session: "rdv-2-ecouter-orienter",
  token: "x".repeat(32),
};

export async function appRoutes(params: Record<string, string> = DEMO_PARAMS): Promise<AppRoute[]> {
  const build = (await import(path.resolve("build/server/index.js"))) as { routes: Record<string, BuildRoute> };
  const fullPath = (r: BuildRoute): string => {
    const own = r.path ?? "";
    const parent = r.parentId && r.parentId !== "root" ? fullPath(build.routes[r.parentId]) : "";
    return [parent, own].filter(Boolean).join("/");
  };
  return Object.values(build.routes)
    .filter((r) => r.id !== "root")
    .map((r) => ({
      id: r.id,
      url: "/" + fullPath(r).replace(/:(\w+)/g, (_, name: string) => params[name] ?? "1"),
      hasAction: Boolean(r.module.action),
      hasLoader: Boolean(r.module.loader),
      hasView: Boolean(r.module.default),
    }));
}
