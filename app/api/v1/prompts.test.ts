/**
 * The served prompt library (/api/v1/prompts) with two access keys: each key sees only its own
 * prompts (another's is a 404), versions number in turn, labels and ?version/?label pick a version,
 * a file imports with the merge rules, and a rendered body sent with the official `openai` SDK
 * reaches the upstream with its variables filled. Plain Requests against the route handlers, and
 * the SDK through a fetch that routes to them, against a replay of ModelsLab's wire.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER } from "@/lib/server/http/peer-address-header";
import { openAiStream } from "@/lib/testing/openai-wire";
import { startReplayServer, type ReplayServer } from "@/lib/testing/replay-server";
import { writePromptFile } from "@/lib/prompts/write-prompt-file";
import type { Prompt } from "@/lib/prompts/prompt";

const KEY_A = "prompts-test-key-alpha-0001";
const KEY_B = "prompts-test-key-bravo-0002";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "prompts-api-"));
let server: ReplayServer;
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
let routes: { pattern: RegExp; module: Record<string, unknown> }[];

beforeAll(async () => {
  server = await startReplayServer();
  for (const key of ["DATABASE_URL", "OPENAI_BASE_URL", "LOCAL_MODEL_PATH", "MODELS_ALLOWED"]) delete process.env[key];
  Object.assign(process.env, { MODELSLAB_API_KEY: "sk-prompts-canary-1", MODELSLAB_BASE_URL: `${server.url}/api/v7/llm`, DATA_DIR: dataDir, ACCESS_KEYS: `${KEY_A},${KEY_B}`, CHAT_RATE_LIMIT: "1000", COUNT_RATE_LIMIT: "1000" });
  routes = [
    { pattern: /^\/api\/v1\/prompts$/, module: await import("./prompts/route") },
    { pattern: /^\/api\/v1\/prompts\/(?<id>[^/]+)$/, module: await import("./prompts/[id]/route") },
    { pattern: /^\/api\/v1\/prompts\/(?<id>[^/]+)\/versions$/, module: await import("./prompts/[id]/versions/route") },
    { pattern: /^\/api\/v1\/prompts\/(?<id>[^/]+)\/render$/, module: await import("./prompts/[id]/render/route") },
    { pattern: /^\/api\/v1\/chat\/completions$/, module: await import("./chat/completions/route") },
  ];
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** What Next does: the route for the path, its method's handler, the path's params. */
function route(request: Request): Promise<Response> {
  const url = new URL(request.url);
  for (const { pattern, module } of routes) {
    const match = pattern.exec(url.pathname);
    if (match) return (module[request.method] as Handler)(request, { params: Promise.resolve({ ...match.groups }) });
  }
  throw new Error(`no route for ${url.pathname}`);
}

const call = (method: string, pathAndQuery: string, key: string | null, body?: unknown) =>
  route(
    new Request(`http://app${pathAndQuery}`, {
      method,
      headers: { [PEER_ADDRESS_HEADER]: "203.0.113.9", ...(key ? { Authorization: `Bearer ${key}` } : {}), ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

const guide = {
  name: "City guide",
  description: "Tips for a visitor",
  note: "first",
  systemMessage: "You write for {{audience}}.",
  messages: [{ role: "user", content: "What should I see in {{city}}?" }],
  params: { temperature: 0.2, seed: 42, stop: ["###"] },
  variables: [{ name: "audience", type: "text", default: "tourists" }],
};

describe("/api/v1/prompts", () => {
  let id: string;

  it("creates a prompt in the caller's library, which another key cannot see or reach", async () => {
    const created = await call("POST", "/api/v1/prompts", KEY_A, guide);
    expect(created.status).toBe(201);
    const prompt = (await created.json()) as Prompt;
    id = prompt.id;
    expect(prompt).toMatchObject({ name: "City guide", labels: {}, versions: [{ version: 1, note: "first", params: { temperature: 0.2, seed: 42, stop: ["###"], maxTokens: 1000 } }] });
    // Variables the texts use are listed, those the client described as described.
    expect(prompt.versions[0].variables).toEqual([{ name: "audience", type: "text", default: "tourists" }, { name: "city", type: "text" }]);

    expect((await (await call("GET", "/api/v1/prompts", KEY_A)).json()).data).toMatchObject([{ id, name: "City guide", versions: 1, latestVersion: 1 }]);
    expect((await (await call("GET", "/api/v1/prompts", KEY_B)).json()).data).toEqual([]);
    for (const [method, pathAndQuery, body] of [
      ["GET", `/api/v1/prompts/${id}`],
      ["PATCH", `/api/v1/prompts/${id}`, { name: "mine now" }],
      ["DELETE", `/api/v1/prompts/${id}`],
      ["POST", `/api/v1/prompts/${id}/versions`, { systemMessage: "x" }],
      ["POST", `/api/v1/prompts/${id}/render`, {}],
    ] as const) {
      const response = await call(method, pathAndQuery, KEY_B, body);
      expect(response.status, `${method} ${pathAndQuery}`).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "prompt_not_found", message: "There is no prompt with this id in your library." } });
    }
    expect((await call("GET", "/api/v1/prompts", null)).status).toBe(401);

    // The page reaches its key's library with its access cookie; a key sent in a header decides over it.
    const keys = await import("@/lib/server/limits/access-keys");
    const cookieOf = (key: string) => keys.accessCookie(new Request("http://app/"), keys.matchAccessKey(key)!).split(";")[0];
    const withCookie = (key: string, extra: Record<string, string> = {}) =>
      route(new Request("http://app/api/v1/prompts", { headers: { [PEER_ADDRESS_HEADER]: "203.0.113.9", Cookie: cookieOf(key), ...extra } }));
    expect((await (await withCookie(KEY_A)).json()).data).toMatchObject([{ id }]);
    expect((await (await withCookie(KEY_A, { Authorization: `Bearer ${KEY_B}` })).json()).data).toEqual([]);
    expect((await withCookie(KEY_A, { Authorization: "Bearer not-a-key-at-all-000" })).status).toBe(401);
  });

  it("adds versions, labels one, and reads a version by number or label", async () => {
    const second = await call("POST", `/api/v1/prompts/${id}/versions`, KEY_A, { ...guide, name: undefined, description: undefined, note: "warmer", params: { temperature: 0.9 } });
    expect(second.status).toBe(201);
    expect(((await second.json()) as Prompt).versions.map((v) => v.version)).toEqual([1, 2]);
    expect(await (await call("PATCH", `/api/v1/prompts/${id}`, KEY_A, { labels: { production: 7 } })).json()).toMatchObject({ error: { param: "labels.production", message: expect.stringMatching(/version 7 does not exist/) } });
    expect((await call("PATCH", `/api/v1/prompts/${id}`, KEY_A, { labels: { production: 1 } })).status).toBe(200);
    expect(await (await call("GET", `/api/v1/prompts/${id}?label=production`, KEY_A)).json()).toMatchObject({ id, labels: { production: 1 }, version: { version: 1, params: { temperature: 0.2 } } });
    expect(await (await call("GET", `/api/v1/prompts/${id}?version=2`, KEY_A)).json()).toMatchObject({ version: { version: 2, note: "warmer", params: { temperature: 0.9 } } });
    expect((await call("GET", `/api/v1/prompts/${id}?label=beta`, KEY_A)).status).toBe(404);
    expect(await (await call("GET", `/api/v1/prompts/${id}/versions`, KEY_A)).json()).toMatchObject({ data: [{ version: 1, note: "first", labels: ["production"] }, { version: 2, note: "warmer", labels: [] }] });
  });

  it("keeps a prompt's test set by PATCH without adding a version, refuses a bad one naming the field, and removes it with null", async () => {
    const testSet = { columns: ["topic"], rows: [{ id: "r1", values: { topic: "tea" } }], checks: [{ id: "c1", kind: "contains", text: "tea", caseSensitive: false }] };
    const saved = (await (await call("PATCH", `/api/v1/prompts/${id}`, KEY_A, { testSet })).json()) as Prompt;
    expect(saved.testSet).toEqual(testSet);
    expect(((await (await call("GET", `/api/v1/prompts/${id}`, KEY_A)).json()) as Prompt).testSet).toEqual(testSet);
    const versions = saved.versions.length;
    const bad = await call("PATCH", `/api/v1/prompts/${id}`, KEY_A, { testSet: { ...testSet, rows: [{ id: "r1", values: { city: "Paris" } }] } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ param: "testSet.rows.0.values.city" });
    expect((await call("PATCH", `/api/v1/prompts/${id}`, KEY_B, { testSet: null })).status).toBe(404);
    const removed = (await (await call("PATCH", `/api/v1/prompts/${id}`, KEY_A, { testSet: null })).json()) as Prompt;
    expect(removed).not.toHaveProperty("testSet");
    expect(removed.versions).toHaveLength(versions);
  });

  it("refuses a bad body with a 400 naming the field, in OpenAI's shape", async () => {
    const response = await call("POST", "/api/v1/prompts", KEY_A, { ...guide, params: { temperature: 5 } });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/Temperature must be at most 2/);
  });

  it("renders a version with its variables filled, refuses one without a value, and the openai SDK sends the body", async () => {
    const missing = await call("POST", `/api/v1/prompts/${id}/render?label=production`, KEY_A, {});
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { param: "variables.city", message: expect.stringMatching(/variables\.city: needs a value/) } });

    const rendered = await (await call("POST", `/api/v1/prompts/${id}/render?label=production`, KEY_A, { variables: { city: "Rome" } })).json();
    expect(rendered).toMatchObject({
      model: "mistralai-mixtral-8x7b-instruct",
      messages: [
        { role: "system", content: "You write for tourists." },
        { role: "user", content: "What should I see in Rome?" },
      ],
      temperature: 0.2,
      seed: 42,
      stop: ["###"],
    });
    const anthropic = await (await call("POST", `/api/v1/prompts/${id}/render?dialect=anthropic`, KEY_A, { variables: { city: "Rome", audience: "children" } })).json();
    expect(anthropic).toMatchObject({ system: "You write for children.", messages: [{ role: "user", content: "What should I see in Rome?" }], max_tokens: 1000 });

    server.queue({ chunks: openAiStream() });
    const client = new OpenAI({ apiKey: KEY_A, baseURL: "http://app/api/v1", maxRetries: 0, fetch: (url, init) => route(new Request(url, init)) });
    const completion = await client.chat.completions.create({ ...rendered, stream: false });
    expect(completion.choices[0].message.content?.length).toBeGreaterThan(0);
    const upstream = JSON.parse(server.requests.at(-1)!.body);
    expect(upstream.messages).toEqual([
      { role: "system", content: "You write for tourists." },
      { role: "user", content: "What should I see in Rome?" },
    ]);
  });

  it("imports a prompt file with the merge rules and deletes a prompt", async () => {
    const mine = (await (await call("GET", `/api/v1/prompts/${id}`, KEY_A)).json()) as Prompt;
    const file = writePromptFile([
      { ...mine, versions: [...mine.versions, { ...mine.versions[1], version: 3, note: "third" }], labels: { production: 2, beta: 3 } },
      { ...mine, id: "another_prompt_0001", versions: [mine.versions[0]], labels: {} },
    ]);
    const imported = await call("POST", "/api/v1/prompts", KEY_A, file);
    expect(await imported.json()).toEqual({
      imported: { added: ["City guide (2)"], renamed: [{ from: "City guide", to: "City guide (2)" }], versionsAdded: 1, versionsSkipped: 2, labelsKept: [{ prompt: "City guide", label: "production" }] },
    });
    expect(await (await call("GET", `/api/v1/prompts/${id}`, KEY_A)).json()).toMatchObject({ labels: { production: 1, beta: 3 }, versions: [{ version: 1 }, { version: 2 }, { version: 3, note: "third" }] });
    expect((await (await call("GET", "/api/v1/prompts", KEY_B)).json()).data).toEqual([]);

    expect(await (await call("DELETE", `/api/v1/prompts/${id}`, KEY_A)).json()).toEqual({ id, deleted: true });
    expect((await call("GET", `/api/v1/prompts/${id}`, KEY_A)).status).toBe(404);
  });
});
