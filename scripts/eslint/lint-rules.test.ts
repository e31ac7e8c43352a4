/**
 * The import rules of eslint.config.mjs fail on the imports they exist to refuse (and pass the
 * imports beside them that are allowed), so a config change that silently disables one shows here.
 */
import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });

/**
 * The rule ids broken by a file at `filePath` (relative to the root; "fixture" in its name is made
 * unique) holding `code`, with `others` written beside it. The files are real, as import/no-cycle
 * reads the linted file from disk, and removed after.
 */
async function brokenRules(filePath: string, code: string, others: Record<string, string> = {}): Promise<string[]> {
  const unique = (name: string) => name.replace("fixture", `lint-fixture-${process.pid}`);
  const files = Object.entries({ [filePath]: code, ...others }).map(([name, text]) => [path.join(root, unique(name)), text.replaceAll("fixture", `lint-fixture-${process.pid}`)]);
  const existing = files.filter(([file]) => fs.existsSync(file));
  if (existing.length) throw new Error(`Would overwrite ${existing.map(([file]) => file).join(", ")}`);
  try {
    for (const [file, text] of files) fs.writeFileSync(file, text);
    const [result] = await eslint.lintFiles([files[0][0]]);
    return result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
  } finally {
    for (const [file] of files) fs.rmSync(file, { force: true });
  }
}

describe("import rules", () => {
  it("refuse lib importing app or components", async () => {
    expect(await brokenRules("lib/chat/fixture.ts", 'export { POST } from "@/app/api/chat/route";\n')).toContain("import/no-restricted-paths");
    expect(await brokenRules("lib/store/fixture.ts", 'export { Playground } from "@/components/playground";\n')).toContain("import/no-restricted-paths");
  });

  it("refuse a lower layer of lib importing a higher one, and let the higher import the lower", async () => {
    const upward = 'export { getProvider } from "@/lib/providers/registry";\n';
    expect(await brokenRules("lib/chat/fixture.ts", upward)).toContain("import/no-restricted-paths");
    expect(await brokenRules("lib/db/fixture.ts", 'export { getShareService } from "@/lib/server/services";\n')).toContain("import/no-restricted-paths");
    expect(await brokenRules("lib/shares/fixture.ts", 'export { createShareService } from "./server/share-service";\n')).toContain("import/no-restricted-paths");
    expect(await brokenRules("lib/json/fixture.ts", 'export { getEnv } from "../env";\n')).toContain("import/no-restricted-paths");
    expect(await brokenRules("lib/server/chat/fixture.ts", upward)).toEqual([]);
  });

  it("refuse browser code importing a server-only module, but not a type from one", async () => {
    const serverOnly = 'export { getEnv } from "@/lib/env";\n';
    expect(await brokenRules("lib/store/fixture.ts", serverOnly)).toContain("playground/no-server-only-in-browser");
    expect(await brokenRules("components/fixture.tsx", `"use client";\n${serverOnly}`)).toContain("playground/no-server-only-in-browser");
    expect(await brokenRules("components/fixture.tsx", `"use client";\nexport type { Env } from "@/lib/env";\n`)).toEqual([]);
    // A server component may read the environment.
    expect(await brokenRules("components/fixture.tsx", serverOnly)).toEqual([]);
  });

  it("refuse anything but a provider talking to the engine", async () => {
    const engine = 'export { LocalEngine } from "@/lib/engine/local-engine";\n';
    expect(await brokenRules("lib/server/chat/fixture.ts", engine)).toContain("import/no-restricted-paths");
    expect(await brokenRules("app/api/chat/fixture.ts", engine)).toContain("import/no-restricted-paths");
    expect(await brokenRules("lib/providers/fixture.ts", engine)).toEqual([]);
  });

  it("refuse an import circle", async () => {
    const circle = await brokenRules("lib/chat/fixture-a.ts", 'export { b } from "./fixture-b";\nexport const a = 1;\n', {
      "lib/chat/fixture-b.ts": 'export { a } from "./fixture-a";\nexport const b = 2;\n',
    });
    expect(circle).toContain("import/no-cycle");
  });
});
