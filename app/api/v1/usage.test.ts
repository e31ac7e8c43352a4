/**
 * Usage per access key: every reply through /api/v1 (OpenAI and Anthropic dialects) and the
 * playground's /api/chat adds to its key's row, and GET /api/v1/usage reads back exactly the
 * usage the upstream reported, with cost at the model's price. Against a replay of the wire.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_PARAMS } from "@/lib/params";
import { PEER_ADDRESS_HEADER } from "@/lib/server/http/peer-address-header";
import { openAiStream } from "@/lib/testing/openai-wire";
import { startReplayServer, type ReplayServer } from "@/lib/testing/replay-server";

const KEY_A = "usage-test-key-alpha-0001";
const KEY_B = "usage-test-key-bravo-0002";
const UPSTREAM_KEY = "sk-usage-canary-7c1e0f9a";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "usage-"));
let server: ReplayServer;
let completions: typeof import("./chat/completions/route").POST;
let messages: typeof import("./messages/route").POST;
let usage: typeof import("./usage/route");
let chat: typeof import("../chat/route").POST;
let accessCookie: string;

beforeAll(async () => {
  server = await startReplayServer();
  for (const key of ["DATABASE_URL", "OPENAI_BASE_URL", "LOCAL_MODEL_PATH", "MODELS_ALLOWED"]) delete process.env[key];
  Object.assign(process.env, { MODELSLAB_API_KEY: UPSTREAM_KEY, MODELSLAB_BASE_URL: `${server.url}/api/v7/llm`, DATA_DIR: dataDir, ACCESS_KEYS: `${KEY_A},${KEY_B}` });
  ({ POST: completions } = await import("./chat/completions/route"));
  ({ POST: messages } = await import("./messages/route"));
  usage = await import("./usage/route");
  ({ POST: chat } = await import("../chat/route"));
  const keys = await import("@/lib/server/limits/access-keys");
  accessCookie = keys.accessCookie(new Request("http://app/"), keys.matchAccessKey(KEY_A)!).split(";")[0];
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const headers = (key: string | null, extra: Record<string, string> = {}) => ({
  "Content-Type": "application/json",
  [PEER_ADDRESS_HEADER]: "203.0.113.77",
  ...(key ? { authorization: `Bearer ${key}` } : {}),
  ...extra,
});
const post = (url: string, body: unknown, head: Record<string, string>) => new Request(`http://app${url}`, { method: "POST", headers: head, body: JSON.stringify(body) });
const readUsage = async (key: string | null, query = "") => usage.GET(new Request(`http://app/api/v1/usage${query}`, { headers: headers(key) }));
const question = [{ role: "user", content: "What is a qubit?" }];

/** Usage is recorded once a reply ends, after its last byte: wait for `requests` to show. */
async function usageOnceRecorded(key: string, requests: number) {
  return vi.waitFor(
    async () => {
      const body = await (await readUsage(key)).json();
      expect(body.totals.requests).toBe(requests);
      return body;
    },
    { timeout: 5_000 },
  );
}

const cost = (input: number, output: number) => (input * 0.54 + output * 0.54) / 1e6;

describe("usage per access key", () => {
  it("adds up every reply of a key, API and playground, exactly as the upstream reported, at the model's price", async () => {
    // The replay reports 31 prompt and 12 completion tokens for each reply.
    server.queue({ chunks: openAiStream() });
    const plain = await completions(post("/api/v1/chat/completions", { messages: question }, headers(KEY_A)));
    expect((await plain.json()).usage).toMatchObject({ prompt_tokens: 31, completion_tokens: 12 });

    const streamed = await completions(post("/api/v1/chat/completions", { messages: question, stream: true, stream_options: { include_usage: true } }, headers(KEY_A)));
    expect(await streamed.text()).toContain('"prompt_tokens":31');

    const anthropic = await messages(post("/api/v1/messages", { model: "mistralai-mixtral-8x7b-instruct", max_tokens: 50, messages: question }, headers(null, { "x-api-key": KEY_A, "anthropic-version": "2023-06-01" })));
    expect((await anthropic.json()).usage.output_tokens).toBe(12);

    const playground = await chat(post("/api/chat", { systemMessage: "", messages: question, params: DEFAULT_PARAMS }, headers(null, { cookie: accessCookie, "sec-fetch-site": "same-origin" })));
    expect(await playground.text()).toContain('"type":"finish"');

    const body = await usageOnceRecorded(KEY_A, 4);
    expect(body).toMatchObject({ object: "usage", days: 30, key_id: expect.stringMatching(/^[0-9a-f]{12}$/) });
    expect(body.totals).toEqual({ requests: 4, input_tokens: 124, output_tokens: 48, estimated_requests: 0, cost_usd: expect.closeTo(cost(124, 48), 12), unpriced_requests: 0 });
    const bySurface = Object.fromEntries(body.data.map((row: { surface: string; requests: number }) => [row.surface, row.requests]));
    expect(bySurface).toEqual({ api: 3, playground: 1 });
    expect(body.data[0]).toMatchObject({ date: new Date().toISOString().slice(0, 10), model: "mistralai-mixtral-8x7b-instruct" });

    // Another key's usage is its own.
    expect((await (await readUsage(KEY_B)).json()).totals.requests).toBe(0);
  });

  it("records a reply whose upstream reported no usage as estimated, and never puts a key in what it answers", async () => {
    server.queue({ chunks: openAiStream(undefined, { usage: false }) });
    await (await completions(post("/api/v1/chat/completions", { messages: question }, headers(KEY_B)))).text();
    const body = await usageOnceRecorded(KEY_B, 1);
    expect(body.totals).toMatchObject({ requests: 1, estimated_requests: 1 });
    expect(body.totals.input_tokens).toBeGreaterThan(0);
    const text = JSON.stringify(body);
    for (const secret of [KEY_A, KEY_B, UPSTREAM_KEY]) expect(text).not.toContain(secret);
  });

  it("records a reply that failed before any text as a request with no tokens, not an estimate", async () => {
    const before = (await (await readUsage(KEY_B)).json()).totals;
    server.queue({ status: 500, chunks: ['{"error":{"message":"upstream exploded","type":"server_error"}}'] });
    const failed = await completions(post("/api/v1/chat/completions", { messages: question }, headers(KEY_B)));
    expect(failed.status).toBeGreaterThanOrEqual(500);
    const body = await usageOnceRecorded(KEY_B, before.requests + 1);
    expect(body.totals).toMatchObject({ input_tokens: before.input_tokens, output_tokens: before.output_tokens, estimated_requests: before.estimated_requests });
  });

  it("answers no key or a wrong key with 401, and a bad period with a 400 naming days", async () => {
    const none = await readUsage(null);
    expect(none.status).toBe(401);
    expect((await none.json()).error).toMatchObject({ code: "invalid_api_key", type: "authentication_error" });
    expect((await readUsage("usage-test-key-wrong-9999")).status).toBe(401);
    for (const days of ["0", "367", "7.5", "-1", "abc"]) {
      const bad = await readUsage(KEY_A, `?days=${days}`);
      expect(bad.status).toBe(400);
      expect((await bad.json()).error).toMatchObject({ param: "days", type: "invalid_request_error" });
    }
    expect((await (await readUsage(KEY_A, "?days=1")).json()).days).toBe(1);
  });
});
