/**
 * Claude Code (`@anthropic-ai/claude-code`, pinned and installed for the tests by
 * scripts/ensure-claude-code.mjs, which `npm run test:e2e` runs) as a client of this app's
 * Anthropic-compatible API, configured by View code's "Claude Code" snippet (the README's "Use
 * with Claude Code" names the same variables) and run as a user would paste it, against
 * an app that forwards to the ModelsLab stand-in (the real production path, with Mixtral's 32k
 * window; Claude Code's ~50 KB requests with a dozen tools do not fit the demo engine's 8k).
 * `claude -p "Say hi"` must print the model's reply and exit 0. Its own app server, with ACCESS_KEYS.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { generateSnippet } from "../lib/code-export/snippets";
import { DEFAULT_PARAMS } from "../lib/params";
import { CANARY_KEY, MOCK_URL } from "./support/constants";
import { startOwnServer, type OwnServer } from "./support/own-server";

const KEY = "claude-code-e2e-key-51c9a2";
const MODEL = "mistralai-mixtral-8x7b-instruct";
let server: OwnServer;
let home: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startOwnServer(3108, { MODELSLAB_API_KEY: CANARY_KEY, MODELSLAB_BASE_URL: `${MOCK_URL}/api/v7/llm`, ACCESS_KEYS: KEY });
  // Claude Code keeps settings and sessions under HOME: a fresh one, as on a new machine.
  home = fs.mkdtempSync(path.join(os.tmpdir(), "claude-code-home-"));
});
test.afterAll(async () => {
  await server?.stop();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

/** View code's Claude Code snippet for this server, with "Say hi" as the conversation's last prompt. */
const snippet = () =>
  generateSnippet("claude-code", {
    request: { systemMessage: "", messages: [{ role: "user", content: "Say hi" }], params: DEFAULT_PARAMS },
    model: MODEL,
    dialect: "anthropic",
    stream: true,
    target: { id: "this-server", label: "This server", baseUrl: `${server.url}/api/v1`, anthropicBaseUrl: `${server.url}/api`, keyEnv: "PLAYGROUND_API_KEY", dialects: ["openai", "anthropic"] },
  });

/** Runs the snippet in bash with `claude` on PATH and the key in PLAYGROUND_API_KEY; its exit code and everything it printed. */
function runSnippet(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // `claude` is the package's launcher, which runs this platform's native binary (an optional dependency) whether or not its postinstall ran.
  const bin = path.join(home, "bin");
  fs.mkdirSync(bin, { recursive: true });
  const launcher = path.join(process.cwd(), "node_modules/.cache/claude-code/node_modules/@anthropic-ai/claude-code/cli-wrapper.cjs");
  if (!fs.existsSync(launcher)) throw new Error("Claude Code is not installed for the tests: run node scripts/ensure-claude-code.mjs");
  fs.writeFileSync(path.join(bin, "claude"), `#!/bin/sh\nexec "${process.execPath}" "${launcher}" "$@"\n`, { mode: 0o755 });
  // This shell's own Claude Code settings, if any, must not reach the run.
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(inherited)) if (/^(ANTHROPIC|CLAUDE_CODE)_/.test(name)) delete inherited[name];
  const child = spawn("bash", ["-c", script], {
    cwd: home,
    env: {
      ...inherited,
      PATH: `${bin}:${process.env.PATH ?? ""}`,
      HOME: home,
      // Nothing but the app: no update checks, telemetry or error reports (there is no internet here anyway).
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      DISABLE_AUTOUPDATER: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr })));
}

test('claude -p "Say hi" prints the model\'s reply and exits 0; the upstream got the prompt, its tools and the model', async ({ request }) => {
  test.setTimeout(120_000);
  await request.post(`${MOCK_URL}/__reset`);
  const run = await runSnippet(snippet(), { PLAYGROUND_API_KEY: KEY });
  expect(run.stderr).not.toContain("API Error");
  expect(run.stderr).not.toContain("doesn't recognize the model");
  expect(run.code).toBe(0);
  // The stand-in's reply, as Claude Code prints a reply: its text.
  expect(run.stdout).toContain("That is the core idea.");
  expect(run.stdout).toContain("A **qubit** can be 0, 1, or a blend of both");

  const upstream = (await (await request.get(`${MOCK_URL}/__requests`)).json()) as { body: { model: string; messages: { role: string; content: string }[]; tools?: { function: { name: string } }[]; max_tokens: number } }[];
  expect(upstream.length).toBeGreaterThan(0);
  const main = upstream.find((r) => r.body.messages.some((m) => m.role === "user" && m.content.includes("Say hi")))!;
  expect(main.body.model).toBe(MODEL);
  // Claude Code's own tools went along, as OpenAI function definitions.
  expect(main.body.tools?.map((t) => t.function.name)).toEqual(expect.arrayContaining(["Bash", "Read"]));
  // It asks for 32,000 tokens; the app lowered that to what Mixtral's window leaves after the prompt.
  expect(main.body.max_tokens).toBeLessThan(32_000);
  expect(main.body.max_tokens).toBeGreaterThan(1_000);

  // Usage went to the key Claude Code used, and nothing it printed holds a key.
  const usage = await (await request.get(`${server.url}/api/v1/usage`, { headers: { authorization: `Bearer ${KEY}` } })).json();
  expect(usage.totals.requests).toBeGreaterThanOrEqual(1);
  for (const secret of [KEY, CANARY_KEY]) expect(run.stdout + run.stderr).not.toContain(secret);
});

test("Claude Code with a wrong key gets the app's 401 and stops, printing no reply", async ({ request }) => {
  await request.post(`${MOCK_URL}/__reset`);
  // Claude Code retries a 401 for minutes by default; one try shows how it reads the answer.
  const run = await runSnippet(snippet(), { PLAYGROUND_API_KEY: "claude-code-wrong-key-0000", CLAUDE_CODE_MAX_RETRIES: "0" });
  expect(run.code).toBe(1);
  // Claude Code's own words for a 401 from its base URL.
  expect(run.stdout + run.stderr).toMatch(/Not logged in|401|authentication/i);
  expect(run.stdout).not.toContain("That is the core idea.");
  expect(await (await request.get(`${MOCK_URL}/__requests`)).json()).toEqual([]);
});
