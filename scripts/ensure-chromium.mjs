// The e2e tests drive Debian's chromium (Playwright's own browser download is not possible
// offline). Install it from apt when it is missing; say clearly what to do when we cannot.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const browser = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(browser)) process.exit(0);

const isRoot = process.getuid?.() === 0;
const sudo = isRoot ? "" : "sudo ";
console.log(`Chromium not found at ${browser}; installing Debian's chromium package…`);
try {
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, { stdio: "inherit" });
} catch {
  console.error(`Could not install chromium. Install it yourself (apt-get install chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}
