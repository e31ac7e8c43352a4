// What the tests need from Debian beside node_modules: chromium (e2e; Playwright's own browser
// download is not possible offline), php-cli with php-curl (the PHP code snippets run for real) and nginx (the
// several-instances e2e). Installs the missing ones from apt in one go; says what to do when it cannot.
// Usage: node scripts/ensure-system-packages.mjs [chromium] [php] [nginx]   (none named: all)
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const succeeds = (command) => {
  try {
    execSync(command, { stdio: "ignore", shell: "/bin/sh" });
    return true;
  } catch {
    return false;
  }
};
const onPath = (command) => succeeds(`command -v ${command}`);

const NEEDS = {
  chromium: { package: "chromium", present: () => existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"), hint: "or set CHROMIUM_PATH" },
  php: { package: "php-cli php-curl", present: () => succeeds(`php -r 'exit(function_exists("curl_init") ? 0 : 1);'`), hint: "" },
  nginx: { package: "nginx", present: () => existsSync("/usr/sbin/nginx") || onPath("nginx"), hint: "" },
};

const asked = process.argv.slice(2);
const names = asked.length ? asked : Object.keys(NEEDS);
const missing = names.filter((name) => {
  if (!NEEDS[name]) throw new Error(`Unknown system package "${name}": known are ${Object.keys(NEEDS).join(", ")}.`);
  return !NEEDS[name].present();
});
if (missing.length === 0) process.exit(0);

const packages = missing.map((name) => NEEDS[name].package).join(" ");
const sudo = process.getuid?.() === 0 ? "" : "sudo ";
console.log(`Not found: ${missing.join(", ")}; installing Debian's ${packages}…`);
try {
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages}`, { stdio: "inherit" });
} catch {
  console.error(`Could not install ${packages}. Install them yourself (apt-get install ${packages})${missing.includes("chromium") ? `, ${NEEDS.chromium.hint}` : ""}.`);
  process.exit(1);
}
