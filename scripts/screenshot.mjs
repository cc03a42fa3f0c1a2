// Dev helper: node scripts/screenshot.mjs <url> <out.png> [width] — full-page screenshot in Chromium.
import { chromium } from "playwright-core";
const [url, out, width = "1100"] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-background-networking"],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
await page.goto(url);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
