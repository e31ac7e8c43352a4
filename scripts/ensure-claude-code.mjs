// Claude Code is a test client (e2e/modelslab-claude-code.spec.ts), not a dependency: its native
// binary is a 143 MB download that `npm install` for the playground should not carry. The e2e
// command installs this pinned version from the npm registry into node_modules/.cache when it is
// missing (or another version is there).
// Usage: node scripts/ensure-claude-code.mjs
import { execSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export const CLAUDE_CODE_VERSION = "2.1.332";
const prefix = path.join(process.cwd(), "node_modules", ".cache", "claude-code");
const manifest = path.join(prefix, "node_modules", "@anthropic-ai", "claude-code", "package.json");

const installed = existsSync(manifest) ? JSON.parse(readFileSync(manifest, "utf8")).version : null;
if (installed === CLAUDE_CODE_VERSION) process.exit(0);

console.log(`Installing Claude Code ${CLAUDE_CODE_VERSION} (a test client) into ${path.relative(process.cwd(), prefix)}…`);
try {
  execSync(`npm install --prefix "${prefix}" --no-save --no-package-lock --no-audit --no-fund @anthropic-ai/claude-code@${CLAUDE_CODE_VERSION}`, { stdio: "inherit" });
} catch {
  console.error(`Could not install @anthropic-ai/claude-code@${CLAUDE_CODE_VERSION} from the npm registry.`);
  process.exit(1);
}
