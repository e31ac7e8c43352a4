/**
 * Every language × dialect × streaming: the body in the snippet is the body the playground
 * sends. cURL, JavaScript, Python, PHP (Debian's php-cli, which the test command installs) and the
 * Node SDK snippets are also run for real against a local server that records the request and
 * answers in the dialect's wire format. The Claude Code snippet runs with a stand-in `claude`
 * (Claude Code itself runs against the app in e2e/modelslab-claude-code.spec.ts).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MODELSLAB_CAPABILITIES } from "../providers/modelslab";
import { buildChatBody } from "../providers/openai-compatible";
import type { ChatRequest } from "../chat/request";
import { anthropicMessage, anthropicStream, openAiCompletion, openAiStream, REPLY_TEXT } from "../testing/openai-wire";
import { generateSnippet, LANGUAGES, snippetBody, type Language, type SnippetOptions } from "./snippets";
import { MODELSLAB_TARGET, type Dialect, type SnippetTarget } from "./targets";

const run = promisify(execFile);

const request: ChatRequest = {
  systemMessage: `You are "precise" — and you say 'it's' with apostrophes.\nNew line, tab\t, backslash \\ and $HOME stay literal.`,
  messages: [
    { role: "user", content: "Explain MoE in one line. Use `code` and émojis 🚀, 量子." },
    { role: "assistant", content: "Experts: 8, used: 2.\nJSON\nEOF" },
    { role: "user", content: "Now shorter." },
  ],
  params: { temperature: 1.4, maxTokens: 256, topP: 0.85, frequencyPenalty: 0.2, presencePenalty: -0.5, seed: 42 },
};
const MODEL_ID = "mistralai-mixtral-8x7b-instruct";
const options = (dialect: Dialect, stream: boolean, target: SnippetTarget = MODELSLAB_TARGET): SnippetOptions => ({
  request,
  model: MODEL_ID,
  dialect,
  stream,
  target,
});

const between = (text: string, start: string, end: string) => {
  const from = text.indexOf(start) + start.length;
  return text.slice(from, text.indexOf(end, from));
};

async function bodyIn(language: Language, snippet: string): Promise<unknown> {
  if (language === "curl") return JSON.parse(between(snippet, "<<'JSON'\n", "\nJSON\n"));
  if (language === "php") return JSON.parse(between(snippet, "<<<'JSON'\n", "\nJSON;\n"));
  if (language === "javascript" || language === "node-sdk") return JSON.parse(between(snippet, "const payload = ", ";\n\n"));
  // Python's own parser reads the literal back.
  const child = execFile("python3", ["-c", "import ast, json, sys; print(json.dumps(ast.literal_eval(sys.stdin.read())))"]);
  const output = new Promise<string>((resolve, reject) => {
    let data = "";
    child.stdout!.on("data", (d: string) => (data += d));
    child.on("close", (code) => (code === 0 ? resolve(data) : reject(new Error(`python3 exited with ${code}`))));
  });
  child.stdin!.end(between(snippet, "payload = ", language === "python-sdk" ? "\n\nreply = " : "\n\nresponse = "));
  return JSON.parse(await output);
}

describe("snippet bodies equal what the playground sends", () => {
  it("OpenAI dialect, streaming: exactly the body /api/chat sends upstream", () => {
    const sent = buildChatBody({ info: { kind: "modelslab", label: "ModelsLab", model: MODEL_ID, isDemo: false }, capabilities: MODELSLAB_CAPABILITIES, baseUrl: "https://x", apiKey: "k", idleTimeoutMs: 60_000 }, request);
    expect(snippetBody(options("openai", true))).toEqual(sent);
  });

  it("Anthropic dialect: system in `system`, temperature clamped to 0–1, no penalties or seed", () => {
    expect(snippetBody(options("anthropic", false))).toEqual({
      model: MODEL_ID,
      system: request.systemMessage,
      messages: request.messages,
      max_tokens: 256,
      temperature: 1,
      top_p: 0.85,
      stream: false,
    });
  });

  for (const { id: language } of LANGUAGES.filter((l) => l.id !== "claude-code")) {
    for (const dialect of ["openai", "anthropic"] as const) {
      for (const stream of [true, false]) {
        it(`${language} · ${dialect} · ${stream ? "streaming" : "not streaming"}`, async () => {
          const snippet = generateSnippet(language, options(dialect, stream));
          expect(await bodyIn(language, snippet)).toEqual(snippetBody(options(dialect, stream)));
          // An SDK adds the path to its base URL itself.
          const sdk = language.endsWith("-sdk");
          expect(snippet).toContain(sdk ? '"https://modelslab.com/api/v7/llm"' : dialect === "openai" ? "https://modelslab.com/api/v7/llm/chat/completions" : "https://modelslab.com/api/v7/llm/v1/messages");
          expect(snippet).toContain("MODELSLAB_API_KEY");
        });
      }
    }
  }

  it("writes stop sequences, top_k and repetition_penalty when set, only where the target's API has them", () => {
    const advanced = { ...request, params: { ...request.params, stop: ["\n\nUser:", "it's \"done\""], topK: 25, repetitionPenalty: 1.2 } };
    const openai = { ...options("openai", true), request: advanced };
    const sent = buildChatBody({ info: { kind: "modelslab", label: "ModelsLab", model: MODEL_ID, isDemo: false }, capabilities: MODELSLAB_CAPABILITIES, baseUrl: "https://x", apiKey: "k", idleTimeoutMs: 60_000 }, advanced);
    expect(snippetBody(openai)).toEqual(sent);
    expect(snippetBody(openai)).toMatchObject({ stop: ["\n\nUser:", "it's \"done\""], top_k: 25, repetition_penalty: 1.2 });
    // Anthropic Messages: stop_sequences and top_k exist, a repetition penalty does not.
    const anthropic = snippetBody({ ...options("anthropic", false), request: advanced });
    expect(anthropic).toMatchObject({ stop_sequences: ["\n\nUser:", "it's \"done\""], top_k: 25 });
    expect(anthropic).not.toHaveProperty("repetition_penalty");
    // Unset: not written at all.
    expect(snippetBody(options("openai", true))).not.toHaveProperty("top_k");
    expect(snippetBody(options("openai", true))).not.toHaveProperty("stop");
  });

  for (const language of ["curl", "python", "javascript", "php"] as const) {
    it(`${language} snippet carries the stop sequences verbatim`, async () => {
      const advanced = { ...options("openai", false), request: { ...request, params: { ...request.params, stop: ["\n\nUser:", "it's $HOME \\ 🛑"], topK: 25 } } };
      expect(await bodyIn(language, generateSnippet(language, advanced))).toEqual(snippetBody(advanced));
    });
  }

  it("targets a server that needs no key without any auth header", () => {
    const open = { id: "this-server", label: "This server", baseUrl: "http://127.0.0.1:3000/api/v1", keyEnv: null, dialects: ["openai"] } as const;
    for (const { id } of LANGUAGES.filter((l) => l.id !== "claude-code")) {
      const snippet = generateSnippet(id, options("openai", true, { ...open, dialects: ["openai"] }));
      expect(snippet).toContain(id.endsWith("-sdk") ? '"http://127.0.0.1:3000/api/v1"' : "http://127.0.0.1:3000/api/v1/chat/completions");
      expect(snippet).not.toMatch(/Authorization|x-api-key|_API_KEY/);
      // An SDK insists on a key even for a server that needs none.
      if (id.endsWith("-sdk")) expect(snippet).toContain('"not-needed"');
    }
  });
});

describe("snippets run against a recording server", () => {
  const recorded: { url: string; headers: http.IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
  let server: http.Server;
  let target: SnippetTarget;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "snippets-"));

  beforeAll(async () => {
    server = http.createServer(async (req, res) => {
      let raw = "";
      for await (const chunk of req) raw += chunk;
      const body = JSON.parse(raw) as { stream?: boolean };
      recorded.push({ url: req.url!, headers: req.headers, body });
      const anthropic = req.url === "/api/v7/llm/v1/messages";
      if (!body.stream) {
        res.writeHead(200, { "Content-Type": "application/json" });
        return res.end(JSON.stringify(anthropic ? anthropicMessage() : openAiCompletion()));
      }
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      // Split every event across two writes, as networks do.
      for (const event of anthropic ? anthropicStream() : openAiStream()) {
        const cut = Math.floor(event.length / 2);
        res.write(event.slice(0, cut));
        await new Promise((r) => setTimeout(r, 2));
        res.write(event.slice(cut));
      }
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    target = { ...MODELSLAB_TARGET, baseUrl: `http://127.0.0.1:${port}/api/v7/llm` };
  });
  afterAll(() => {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const runners: Record<Exclude<Language, "python-sdk" | "claude-code">, (file: string) => [string, string[]]> = {
    curl: (file) => ["bash", [file]],
    javascript: (file) => ["node", [file]],
    python: (file) => ["python3", [file]],
    php: (file) => ["php", [file]],
    "node-sdk": (file) => ["node", [file]],
  };
  const extensions = { curl: "sh", javascript: "mjs", python: "py", php: "php", "node-sdk": "mjs" } as const;
  /** SDK snippets import their package: they live where this project's node_modules resolves. */
  const sdkDir = path.join(process.cwd(), "node_modules", ".cache", "snippet-tests");
  const installed = (name: string) => fs.existsSync(path.join(process.cwd(), "node_modules", name, "package.json"));

  for (const language of ["curl", "javascript", "python", "php", "node-sdk"] as const) {
    for (const dialect of ["openai", "anthropic"] as const) {
      // The Node SDK of each dialect runs where it is installed (openai is a dev dependency).
      if (language === "node-sdk" && !installed(dialect === "openai" ? "openai" : "@anthropic-ai/sdk")) continue;
      for (const stream of [true, false]) {
        it(`${language} · ${dialect} · ${stream ? "streaming" : "not streaming"} sends the playground's body and prints the reply`, async () => {
          if (language === "node-sdk") fs.mkdirSync(sdkDir, { recursive: true });
          const file = path.join(language === "node-sdk" ? sdkDir : dir, `snippet-${language}-${dialect}-${stream}.${extensions[language]}`);
          fs.writeFileSync(file, generateSnippet(language, options(dialect, stream, target)));
          recorded.length = 0;
          const [command, args] = runners[language](file);
          const { stdout } = await run(command, args, { env: { ...process.env, MODELSLAB_API_KEY: "test-key-123" }, timeout: 20_000 });
          // cURL prints the raw response; the others parse it and print only the reply text.
          if (language === "curl") expect(stdout).toContain(stream ? '"Quantum"' : REPLY_TEXT);
          else expect(stdout.trim()).toBe(REPLY_TEXT);
          expect(recorded).toHaveLength(1);
          const [sent] = recorded;
          expect(sent.url).toBe(dialect === "openai" ? "/api/v7/llm/chat/completions" : "/api/v7/llm/v1/messages");
          // An SDK may add fields of its own (none today); what the playground sends must all be there.
          expect(sent.body).toEqual(snippetBody(options(dialect, stream)));
          if (dialect === "openai") expect(sent.headers.authorization).toBe("Bearer test-key-123");
          // The SDK (1.14) sends the key as a Bearer token and the API version it was built for; the HTTP snippets use x-api-key and the documented version.
          else if (language === "node-sdk") expect(sent.headers).toMatchObject({ authorization: "Bearer test-key-123", "anthropic-version": expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
          else expect(sent.headers).toMatchObject({ "x-api-key": "test-key-123", "anthropic-version": "2023-06-01" });
        });
      }
    }
  }
});

describe("SDK snippets that cannot run here still compile", () => {
  // No PyPI on this machine: the Python SDK snippets are checked by Python's own compiler.
  for (const dialect of ["openai", "anthropic"] as const) {
    for (const stream of [true, false]) {
      it(`python-sdk · ${dialect} · ${stream ? "streaming" : "not streaming"} compiles`, async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "snippet-compile-"));
        const file = path.join(dir, "snippet.py");
        fs.writeFileSync(file, generateSnippet("python-sdk", options(dialect, stream)));
        await run("python3", ["-m", "py_compile", file]);
        const node = path.join(dir, "snippet.mjs");
        fs.writeFileSync(node, generateSnippet("node-sdk", options(dialect, stream)));
        await run("node", ["--check", node]);
        fs.rmSync(dir, { recursive: true, force: true });
      });
    }
  }
});

describe("the Claude Code snippet", () => {
  const thisServer: SnippetTarget = { id: "this-server", label: "This server", baseUrl: "http://127.0.0.1:3000/api/v1", anthropicBaseUrl: "http://127.0.0.1:3000/api", keyEnv: "PLAYGROUND_API_KEY", dialects: ["openai", "anthropic"] };
  const prompt = `Say "hi" — it's $HOME, \`date\`, a \\ backslash and 🚀 on one line`;

  it("sets Claude Code's variables for the Anthropic base URL and runs the last prompt verbatim, whatever dialect is picked", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "snippet-claude-"));
    // A stand-in `claude` that prints what it was given: the arguments and the variables it reads.
    const stub = path.join(dir, "claude");
    fs.writeFileSync(stub, `#!/usr/bin/env node\nconst keys = ["ANTHROPIC_BASE_URL", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_MODEL", "ANTHROPIC_SMALL_FAST_MODEL", "CLAUDE_CODE_AUTO_COMPACT_WINDOW"];\nconsole.log(JSON.stringify({ args: process.argv.slice(2), env: Object.fromEntries(keys.map((k) => [k, process.env[k]])) }));\n`, { mode: 0o755 });
    const withPrompt = { ...request, messages: [...request.messages, { role: "assistant" as const, content: "Shorter." }, { role: "user" as const, content: prompt }] };
    for (const dialect of ["openai", "anthropic"] as const) {
      const file = path.join(dir, `snippet-${dialect}.sh`);
      fs.writeFileSync(file, generateSnippet("claude-code", { ...options(dialect, true, thisServer), request: withPrompt }));
      const { stdout } = await run("bash", [file], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, PLAYGROUND_API_KEY: "pk-test-9" } });
      expect(JSON.parse(stdout)).toEqual({
        args: ["-p", prompt],
        env: { ANTHROPIC_BASE_URL: "http://127.0.0.1:3000/api", ANTHROPIC_AUTH_TOKEN: "pk-test-9", ANTHROPIC_MODEL: MODEL_ID, ANTHROPIC_SMALL_FAST_MODEL: MODEL_ID, CLAUDE_CODE_AUTO_COMPACT_WINDOW: "32768" },
      });
    }
    // Every value is one shell word: a model id or base URL with shell syntax in it stays text.
    const hostile = "mixtral-$(touch pwned)-`touch pwned2`";
    const file = path.join(dir, "snippet-hostile.sh");
    fs.writeFileSync(file, generateSnippet("claude-code", { ...options("anthropic", true, { ...thisServer, anthropicBaseUrl: "http://h/api?$(touch pwned3)", contextWindow: 8192 }), model: hostile }));
    const { stdout } = await run("bash", [file], { cwd: dir, env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, PLAYGROUND_API_KEY: "pk-test-9" } });
    expect(JSON.parse(stdout).env).toMatchObject({ ANTHROPIC_MODEL: hostile, ANTHROPIC_BASE_URL: "http://h/api?$(touch pwned3)", CLAUDE_CODE_AUTO_COMPACT_WINDOW: "8192" });
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("pwned"))).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("says so for a target without an Anthropic-compatible API, and needs no key for an open server", () => {
    expect(generateSnippet("claude-code", options("openai", true, { ...thisServer, dialects: ["openai"] }))).toMatch(/^# Claude Code needs an Anthropic-compatible API/);
    const open = generateSnippet("claude-code", options("anthropic", true, { ...thisServer, keyEnv: null }));
    expect(open).toContain("export ANTHROPIC_AUTH_TOKEN=not-needed");
    expect(open).not.toContain("$PLAYGROUND_API_KEY");
  });
});
