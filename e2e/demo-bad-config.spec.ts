/**
 * A configuration the server cannot run with stops `next start` at once with the reason, and
 * without the secret values it read, instead of leaving a server up that answers 500 to everything.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

function startWith(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-bad-config-"));
  const child = spawn("npx", ["next", "start", "-p", "3111", "-H", "127.0.0.1"], {
    env: { ...process.env, MODELSLAB_API_KEY: "", DATABASE_URL: "", DATA_DIR: dataDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: a server that stays up (the old behaviour) is killed with npx.
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk));
  const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 45_000);
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(timer);
      fs.rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, output });
    }),
  );
}

test("a too-short access key stops the server with the reason, not the key", async () => {
  test.setTimeout(60_000);
  const { code, output } = await startWith({ ACCESS_KEYS: "tiny-key-42" });
  expect(code).toBe(1);
  expect(output).toContain("Invalid server configuration: every ACCESS_KEYS key must be at least 12 characters.");
  expect(output).not.toContain("tiny-key-42");
});

test("an upstream URL with credentials in it stops the server without printing them", async () => {
  test.setTimeout(60_000);
  const { code, output } = await startWith({ MODELSLAB_API_KEY: "sk-bad-config-0001", MODELSLAB_BASE_URL: "http://user:hunter2-secret@127.0.0.1:9/v1" });
  expect(code).toBe(1);
  expect(output).toContain("Invalid server configuration");
  expect(output).not.toContain("hunter2-secret");
  expect(output).not.toContain("sk-bad-config-0001");
});
