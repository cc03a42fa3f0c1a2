// What a browser test file starts before its tests: a loopback SMTP server, the production server
// sending to it (with the file's own settings) and a headless Chromium, the last two side by side.
// Stop them after the file with stopAll(browser, server, smtp) from ./server.
import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser";
import { startServer, type TestServer } from "./server";
import { startSmtp, type TestSmtp } from "./smtp";

export async function startBrowserSuite(env: Record<string, string> = {}): Promise<{ smtp: TestSmtp; server: TestServer; browser: Browser }> {
  const smtp = await startSmtp();
  const [server, browser] = await Promise.all([startServer({ SMTP_URL: smtp.url, ...env }), launchBrowser()]);
  return { smtp, server, browser };
}
