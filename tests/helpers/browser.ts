// Browser test helpers: a headless Chromium (Debian's, or CHROMIUM_PATH) driven by playwright-core,
// axe-core checks, console watching, hydration and keyboard helpers, the contexts a file opens.
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { afterEach, expect } from "vitest";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** `extraArgs`: more Chromium flags for one test file (e.g. a fake camera playing a video file). */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-gpu",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Runs axe (WCAG 2.1 A and AA) on the current page; throws a readable list if there is any violation, whatever its impact. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  // Sandboxed iframes (emails shown in the back-office, scripts disabled) cannot answer axe, which
  // would wait for them forever; their content is email HTML, not app UI. Each one's title is checked,
  // then it is replaced by a placeholder before axe runs.
  const titles = await page.evaluate(() =>
    Array.from(document.querySelectorAll("iframe[sandbox]")).map((frame) => {
      const title = frame.getAttribute("title") ?? "";
      frame.replaceWith(Object.assign(document.createElement("p"), { textContent: title }));
      return title;
    }),
  );
  if (titles.some((t) => !t.trim())) throw new Error(`axe: an iframe without title on ${page.url()}`);
  // Excluded as well: hydration may put a frame back after its replacement (React re-renders a
  // document it finds changed), and axe would then wait on it without end.
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).exclude("iframe[sandbox]").analyze();
  // A run that checked nothing would pass vacuously.
  if (!results.passes.length) throw new Error(`axe: no rule passed on ${page.url()}: was the page empty?`);
  if (!results.violations.length) return;
  const lines = results.violations.map((v) => {
    const nodes = v.nodes.map((n) => {
      const summary = n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, "\n      ")}` : "";
      return `    - ${n.target.map(String).join(" ")}${summary}`;
    });
    return `- ${v.id} [${v.impact ?? "no impact"}] ${v.help} (${v.helpUrl})\n${nodes.join("\n")}`;
  });
  throw new Error(`axe: ${results.violations.length} violation(s) on ${page.url()}\n${lines.join("\n")}`);
}

/**
 * Opens `url` in a new page of `context` with script execution disabled while the document loads and is parsed
 * (so the app never hydrates and the DOM is exactly what a browser without JavaScript shows), then re-enables
 * scripts so that axe, which needs timers, can run in it. (In a `javaScriptEnabled: false` context axe never
 * finishes: timers do not fire there.) Returns the page and the response's status.
 */
export async function openWithoutScripts(context: BrowserContext, url: string): Promise<{ page: Page; status: number | undefined }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setScriptExecutionDisabled", { value: true });
  const response = await page.goto(url);
  await cdp.send("Emulation.setScriptExecutionDisabled", { value: false });
  await cdp.detach();
  return { page, status: response?.status() };
}

/** Visible text with no-break and narrow no-break spaces (used in French times: "9 h 30") and runs of whitespace made single spaces. */
export function normalise(text: string): string {
  return text.replace(/[\u00a0\u202f\s]+/g, " ").trim();
}

export async function mainText(page: Page): Promise<string> {
  return normalise(await page.locator("main").innerText());
}

export type ConsoleProblem = { kind: string; text: string; pageUrl: string; sourceUrl: string };

/** Collects console errors, React hydration warnings and uncaught page errors seen by `page`. */
export function watchConsole(page: Page): { problems: () => ConsoleProblem[] } {
  const found: ConsoleProblem[] = [];
  const hydration = /hydrat|did not match|server rendered HTML|Minified React error #4(18|19|21|23|25)/i;
  page.on("console", (msg) => {
    const kind = msg.type();
    const text = msg.text();
    if (kind === "error" || hydration.test(text)) {
      found.push({ kind, text, pageUrl: page.url(), sourceUrl: msg.location().url });
    }
  });
  page.on("pageerror", (err) => found.push({ kind: "pageerror", text: err.message, pageUrl: page.url(), sourceUrl: "" }));
  return { problems: () => [...found] };
}

export function formatProblems(list: ConsoleProblem[]): string {
  return list.map((p) => `[${p.kind}] ${p.pageUrl}: ${p.text}${p.sourceUrl ? ` (${p.sourceUrl})` : ""}`).join("\n");
}

/**
 * Resolves once React has committed the hydration of the server-rendered document: before that, a click on a
 * Remix <Link> is a plain full-page navigation and keyboard handlers are not attached yet.
 * Reads React 18's root state (the HostRoot's `isDehydrated` flag), as there is no public signal.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const key = Object.keys(document).find((k) => k.startsWith("__reactContainer$"));
    if (!key) return false;
    const hostRoot = (document as unknown as Record<string, { stateNode?: { current?: { memoizedState?: { isDehydrated?: boolean } } } }>)[key];
    return hostRoot?.stateNode?.current?.memoizedState?.isDehydrated === false;
  });
}

/** Presses Tab until the focused element matches `selector`; fails after `max` presses. Returns how many it took. */
export async function tabUntil(page: Page, selector: string, max = 60): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return i;
  }
  throw new Error(`focus never reached ${selector} after ${max} Tab presses on ${page.url()}`);
}

/**
 * The contexts a test file opens (in French), all closed after each test: call once at the top of the
 * file with a getter of the file's browser, then `await newContext()` in the tests.
 */
export function contextsClosedAfterEach(browser: () => Browser): (options?: BrowserContextOptions) => Promise<BrowserContext> {
  const open: BrowserContext[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  return async (options = {}) => {
    const context = await browser().newContext({ locale: "fr-FR", ...options });
    open.push(context);
    return context;
  };
}

/**
 * Visits each path in turn, checks its status, waits for hydration and the page's heading, and runs
 * axe. Returns every violation found, one block per page ("" when there is none), so that one run
 * reports all pages at once.
 */
export async function axeFailuresOn(page: Page, baseUrl: string, paths: string[], statusOf: (path: string) => number = () => 200): Promise<string> {
  const failures: string[] = [];
  for (const path of paths) {
    const response = await page.goto(baseUrl + path);
    expect(response?.status(), path).toBe(statusOf(path));
    await waitForHydration(page);
    await page.locator("main h1").waitFor();
    try {
      await expectNoAxeViolations(page);
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
  return failures.join("\n\n");
}
