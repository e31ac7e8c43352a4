/**
 * The routes over a ModelsLab upstream that misbehaves (a local server replaying its wire
 * format): what leaves this server must carry the real status, never the key, and oversized
 * input must not reach the upstream at all.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startReplayServer, type ReplayServer } from "@/lib/testing/replay-server";

const CANARY_KEY = "sk-canary-upstream-7d1e55a0";
let server: ReplayServer;
let v1: typeof import("./v1/chat/completions/route").POST;
let chat: typeof import("./chat/route").POST;
let models: typeof import("@/lib/server/models/models-response").modelsResponse;
let anthropic: typeof import("./v1/messages/route").POST;
let model: string;

beforeAll(async () => {
  server = await startReplayServer();
  Object.assign(process.env, { MODELSLAB_API_KEY: CANARY_KEY, MODELSLAB_BASE_URL: `${server.url}/api/v7/llm`, UPSTREAM_IDLE_TIMEOUT_MS: "5000" });
  ({ POST: v1 } = await import("./v1/chat/completions/route"));
  ({ POST: chat } = await import("./chat/route"));
  ({ modelsResponse: models } = await import("@/lib/server/models/models-response"));
  ({ POST: anthropic } = await import("./v1/messages/route"));
  model = (await import("@/lib/providers/registry")).getProvider().info.model;
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const json = (url: string, body: unknown) => new Request(`http://app${url}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
const messages = [{ role: "user", content: "hi" }];
/** An upstream 401 that echoes the key back, as some gateways do. */
const echoesKey = { status: 401, headers: { "Content-Type": "application/json" }, chunks: [JSON.stringify({ error: { message: `Invalid API key: ${CANARY_KEY}`, type: "invalid_request_error" } })] };

describe("upstream failures through our routes", () => {
  it("never forwards the key when the upstream echoes it: /api/chat, /api/v1 (both modes) and /api/models", async () => {
    server.queue(echoesKey);
    const answers = [
      await (await chat(json("/api/chat", { messages }))).text(),
      await (await v1(json("/api/v1/chat/completions", { messages, stream: true }))).text(),
      await (await v1(json("/api/v1/chat/completions", { messages }))).text(),
      await (await models()).text(),
    ];
    for (const answer of answers) {
      expect(answer).toMatch(/Invalid API key/);
      expect(answer).not.toContain(CANARY_KEY);
      expect(answer).toContain("[redacted]");
    }
  });

  it("answers a streamed /api/v1 request that fails before any content with the real status and Retry-After", async () => {
    server.queue({ status: 429, headers: { "Content-Type": "application/json", "Retry-After": "30" }, chunks: ['{"status":"error","message":"Rate limit exceeded. Maximum 5 queued requests allowed."}'] });
    for (const stream of [true, false]) {
      const response = await v1(json("/api/v1/chat/completions", { messages, stream }));
      expect(response.status).toBe(429);
      expect(response.headers.get("retry-after")).toBe("30");
      expect((await response.json()).error).toMatchObject({ type: "rate_limit_error", code: "rate_limited" });
    }
    server.queue({ status: 503, headers: { "Content-Type": "application/json" }, chunks: ['{"status":"error","message":"Service unavailable"}'] });
    expect((await v1(json("/api/v1/chat/completions", { messages, stream: true }))).status).toBe(503);
  });

  it("refuses an oversized model id on /api/v1 with a 400 naming it, and sends nothing upstream", async () => {
    const response = await v1(json("/api/v1/chat/completions", { model: "m".repeat(1_900_000), messages, stream: true }));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ param: "model", type: "invalid_request_error" });
    expect(server.requests).toHaveLength(0);
  });

  it("refuses logprobs on /api/v1 with a 400 naming logprobs when the upstream has none (ModelsLab), and sends nothing upstream", async () => {
    for (const stream of [false, true]) {
      const response = await v1(json("/api/v1/chat/completions", { messages, logprobs: true, top_logprobs: 2, stream }));
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatchObject({ param: "logprobs", type: "invalid_request_error", code: "unsupported_parameter" });
    }
    expect(server.requests).toHaveLength(0);
  });

  it("answers /api/v1/messages failures in Anthropic's shape with the real status: the key never forwarded, Retry-After kept", async () => {
    for (const stream of [true, false]) {
      server.queue(echoesKey);
      const response = await anthropic(json("/api/v1/messages", { model, max_tokens: 8, messages, stream }));
      expect(response.status).toBe(401);
      const answer = await response.text();
      expect(JSON.parse(answer)).toMatchObject({ type: "error", error: { type: "authentication_error" } });
      expect(answer).not.toContain(CANARY_KEY);
      expect(answer).toContain("[redacted]");
    }
    server.queue({ status: 429, headers: { "Content-Type": "application/json", "Retry-After": "30" }, chunks: ['{"status":"error","message":"Rate limit exceeded."}'] });
    const limited = await anthropic(json("/api/v1/messages", { model, max_tokens: 8, messages, stream: true }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("30");
    expect(await limited.json()).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
    server.queue({ status: 503, headers: { "Content-Type": "application/json" }, chunks: ['{"status":"error","message":"Service unavailable"}'] });
    const overloaded = await anthropic(json("/api/v1/messages", { model, max_tokens: 8, messages }));
    expect(overloaded.status).toBe(529);
    expect((await overloaded.json()).error.type).toBe("overloaded_error");
  });
});
