// `npm start` builds first when there is no production build or the sources changed since.
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const buildId = ".next/BUILD_ID";
const sources = ["app", "components", "lib", "public", "next.config.mjs", "package.json", "instrumentation.ts", "postcss.config.mjs"];

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce((max, name) => Math.max(max, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
if (builtAt === 0 || sources.some((s) => newestMtime(s) > builtAt)) {
  console.log(builtAt ? "Sources changed since the last build; building…" : "No production build yet; building…");
  execSync("npx next build", { stdio: "inherit" });
}
