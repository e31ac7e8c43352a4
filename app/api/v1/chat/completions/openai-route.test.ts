/**
 * /api/v1/chat/completions speaks OpenAI's wire format over the embedded demo engine: our own
 * OpenAI-compatible client (the provider the playground uses for Ollama, vLLM…) reads it, and it
 * says what the engine says.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatRequest } from "@/lib/chat/request";
import type { EventBatch, StreamEvent } from "@/lib/chat/events";
import { MODELSLAB_CAPABILITIES } from "@/lib/providers/modelslab";
import { collectEvents } from "@/lib/testing/collect-events";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "openai-route-"));
Object.assign(process.env, { DATA_DIR: dataDir, DEMO_TOKENS_PER_SECOND: "0", LOCAL_THREADS: "1", LOCAL_CONTEXT_SIZE: "1024", LOCAL_PARALLEL: "2" });
for (const key of ["MODELSLAB_API_KEY", "OPENAI_BASE_URL", "LOCAL_MODEL_PATH", "DATABASE_URL"]) delete process.env[key];

let POST: typeof import("./route").POST;
let registry: typeof import("@/lib/providers/registry");
let client: typeof import("@/lib/providers/openai-compatible");

beforeAll(async () => {
  ({ POST } = await import("./route"));
  registry = await import("@/lib/providers/registry");
  client = await import("@/lib/providers/openai-compatible");
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const request: ChatRequest = {
  systemMessage: "Be brief.",
  messages: [{ role: "user", content: "Name a river." }],
  params: { temperature: 0.8, maxTokens: 12, topP: 0.9, frequencyPenalty: 0, presencePenalty: 0, seed: 7 },
};

async function collect(batches: AsyncIterable<EventBatch>) {
  let text = "";
  const rest: StreamEvent[] = [];
  for (const e of await collectEvents(batches)) if (e.type === "text-delta") text += e.text;
  else rest.push(e);
  return { text, rest };
}

const post = (body: unknown) => POST(new Request("http://app/api/v1/chat/completions", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }));

describe("OpenAI-compatible /api/v1/chat/completions", () => {
  it("streams chunks our OpenAI client reads back into the engine's own reply", async () => {
    const direct = await collect(registry.getProvider().stream(request, { signal: new AbortController().signal }));
    expect(direct.text.length).toBeGreaterThan(0);

    const viaHttp = client.createOpenAICompatibleProvider({
      info: { kind: "openai-compatible", label: "this app", model: registry.getProvider().info.model, isDemo: false },
      capabilities: MODELSLAB_CAPABILITIES,
      baseUrl: "http://app/api/v1",
      idleTimeoutMs: 30_000,
      fetch: (url, init) => POST(new Request(url, init)),
    });
    const streamed = await collect(viaHttp.stream(request, { signal: new AbortController().signal }));
    expect(streamed.text).toBe(direct.text);
    expect(streamed.rest).toEqual([{ type: "usage", usage: { promptTokens: expect.any(Number), completionTokens: 12 } }, { type: "finish", reason: "length" }]);
  });

  it("answers a non-streamed request with a chat.completion", async () => {
    const direct = await collect(registry.getProvider().stream(request, { signal: new AbortController().signal }));
    const model = registry.getProvider().info.model;
    const response = await post({
      model,
      messages: [{ role: "system", content: "Be brief." }, ...request.messages],
      temperature: 0.8,
      top_p: 0.9,
      max_tokens: 12,
      seed: 7,
      n: 1,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      object: "chat.completion",
      model,
      choices: [{ index: 0, message: { role: "assistant", content: direct.text }, finish_reason: "length" }],
      usage: { completion_tokens: 12 },
    });
  });

  it("refuses a model this server does not offer with 404 model_not_found, instead of answering as if it had run", async () => {
    const response = await post({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] });
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatchObject({ code: "model_not_found", param: "model" });
  });

  it("refuses invalid parameters with OpenAI's error shape, naming the field", async () => {
    const response = await post({ messages: [{ role: "user", content: "hi" }], temperature: 5 });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { message: "Invalid request: params.temperature: Temperature must be at most 2", type: "invalid_request_error", param: "temperature", code: "invalid_request" },
    });
    expect((await post({ messages: "nope" })).status).toBe(400);
  });

  it("carries stop (one string or a list), top_k and repetition_penalty to the engine, and names a bad stop in OpenAI's terms", async () => {
    const full = await collect(registry.getProvider().stream({ ...request, params: { ...request.params, maxTokens: 40 } }, { signal: new AbortController().signal }));
    expect(full.text).toContain("e");
    for (const stop of ["e", ["@@", "e"]]) {
      const response = await post({ messages: [{ role: "system", content: "Be brief." }, ...request.messages], temperature: 0.8, top_p: 0.9, max_tokens: 40, seed: 7, stop, top_k: 40, repetition_penalty: 1 });
      expect(response.status).toBe(200);
      expect((await response.json()).choices[0]).toMatchObject({ message: { content: full.text.slice(0, full.text.indexOf("e")) }, finish_reason: "stop" });
    }
    const bad = await post({ messages: [{ role: "user", content: "hi" }], stop: ["ok", ""] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ param: "stop.1", message: "Invalid request: params.stop.1: a stop sequence must not be empty" });
  });
});
