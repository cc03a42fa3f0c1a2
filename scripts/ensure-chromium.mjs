// Browser tests need Chromium. Use CHROMIUM_PATH or Debian's /usr/bin/chromium; when missing, install
// Debian's package (as root) or stop with a one-line instruction. Never skip browser tests silently.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(path)) process.exit(0);
if (process.getuid?.() === 0) {
  console.log("Chromium absent : installation du paquet Debian « chromium »…");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
  if (existsSync(path)) process.exit(0);
}
console.error(`Chromium introuvable (${path}) : installez-le avec « sudo apt-get install chromium » ou indiquez CHROMIUM_PATH.`);
process.exit(1);
