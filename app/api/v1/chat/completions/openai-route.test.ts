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
Object.assign(process.env, { DATA_DIR: dataDir, DEMO_TOKENS_PER_SECOND: "0", LOCAL_THREADS: "1", LOCAL_CONTEXT_SIZE: "1024", LOCAL_PARALLEL: "2", CHAT_RATE_LIMIT: "1000" });
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

describe("tools, tool messages and response formats through /api/v1", () => {
  const weather = { type: "function", function: { name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } };

  it("answers a required call in OpenAI's shape: tool_calls, content null, finish_reason tool_calls", async () => {
    const response = await post({ messages: [{ role: "user", content: "Weather in Oslo?" }], tools: [weather], tool_choice: "required", max_tokens: 120, seed: 2 });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { choices: { message: { content: string | null; tool_calls: { id: string; type: string; function: { name: string; arguments: string } }[] }; finish_reason: string }[] };
    const [choice] = body.choices;
    expect(choice.finish_reason).toBe("tool_calls");
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls[0]).toMatchObject({ type: "function", function: { name: "get_weather" } });
    expect(typeof (JSON.parse(choice.message.tool_calls[0].function.arguments) as { city: unknown }).city).toBe("string");
  });

  it("takes developer messages, content parts, assistant tool_calls with null content and tool results", async () => {
    const response = await post({
      messages: [
        { role: "developer", content: "Be brief." },
        { role: "user", content: [{ type: "text", text: "Weather in " }, { type: "text", text: "Oslo?" }] },
        { role: "assistant", content: null, tool_calls: [{ id: "call_a", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } }] },
        { role: "tool", tool_call_id: "call_a", content: '{"celsius": 4}' },
      ],
      tools: [weather],
      max_tokens: 8,
      stream: true,
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('"finish_reason":"length"');
  });

  it("holds a json_schema reply to the schema", async () => {
    const schema = { type: "object", properties: { mood: { type: "string", enum: ["calm", "busy"] } }, required: ["mood"] };
    const response = await post({ messages: [{ role: "user", content: "Mood?" }], response_format: { type: "json_schema", json_schema: { name: "mood", schema } }, max_tokens: 60 });
    const body = (await response.json()) as { choices: { message: { content: string } }[] };
    expect(["calm", "busy"]).toContain((JSON.parse(body.choices[0].message.content) as { mood: string }).mood);
  });

  it("refuses a bad definition or an unanswered result with a 400 naming OpenAI's field", async () => {
    const bad = await post({ messages: [{ role: "user", content: "Hi" }], tools: [{ type: "function", function: { name: "get weather!", parameters: {} } }] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.param).toBe("tools.0.function.name");
    const orphan = await post({ messages: [{ role: "user", content: "Hi" }, { role: "tool", tool_call_id: "nope", content: "x" }] });
    expect(orphan.status).toBe(400);
    expect((await orphan.json()).error.message).toMatch(/tool message must answer a tool call/);
  });
});

describe("n, logprobs and parameters this server does not honour", () => {
  const ask = { messages: [{ role: "user", content: "Name a river." }], temperature: 0.8, max_tokens: 6, seed: 7 };
  const chunksOf = (sse: string) =>
    sse
      .split("\n\n")
      .filter(Boolean)
      .map((l) => l.slice("data: ".length))
      .filter((d) => d !== "[DONE]")
      .map((d) => JSON.parse(d) as { choices: { index: number; delta: { content?: string }; finish_reason: string | null; logprobs: { content: { token: string }[] } | null }[]; usage?: { prompt_tokens: number; completion_tokens: number } });

  it("answers n: 2 with two whole generations indexed 0 and 1, and the completions' usage summed (the prompt once)", async () => {
    const one = await (await post(ask)).json();
    const response = await post({ ...ask, n: 2 });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.choices.map((c: { index: number }) => c.index)).toEqual([0, 1]);
    // Same seed, same request: both choices are the single reply.
    for (const choice of body.choices) expect(choice).toMatchObject({ message: { role: "assistant", content: one.choices[0].message.content }, finish_reason: "length" });
    expect(body.usage).toEqual({ prompt_tokens: one.usage.prompt_tokens, completion_tokens: 12, total_tokens: one.usage.prompt_tokens + 12 });
  });

  it("streams n: 2 as chunks of both choices, each with its role, text and finish, then one usage chunk and [DONE]", async () => {
    const response = await post({ ...ask, n: 2, stream: true, stream_options: { include_usage: true } });
    const sse = await response.text();
    expect(sse.trimEnd().endsWith("data: [DONE]")).toBe(true);
    const chunks = chunksOf(sse);
    for (const index of [0, 1]) {
      const own = chunks.flatMap((c) => c.choices).filter((c) => c.index === index);
      expect(own[0].delta).toEqual({ role: "assistant", content: "" });
      expect(own.filter((c) => c.finish_reason !== null).map((c) => c.finish_reason)).toEqual(["length"]);
      expect(own.map((c) => c.delta.content ?? "").join("").length).toBeGreaterThan(0);
    }
    expect(chunks.filter((c) => c.usage)).toHaveLength(1);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 12 } });
  });

  it("takes max_completion_tokens as OpenAI's newer name for max_tokens", async () => {
    const body = await (await post({ messages: ask.messages, seed: 7, max_completion_tokens: 4 })).json();
    expect(body.usage.completion_tokens).toBe(4);
    expect(body.choices[0].finish_reason).toBe("length");
  });

  it("refuses n beyond 4 naming n", async () => {
    const response = await post({ ...ask, n: 5 });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ param: "n", type: "invalid_request_error" });
  });

  it("returns logprobs in OpenAI's choices[].logprobs.content[] shape, top_logprobs alternatives each, streamed and not", async () => {
    const response = await post({ ...ask, logprobs: true, top_logprobs: 3 });
    expect(response.status).toBe(200);
    const body = await response.json();
    const content = body.choices[0].logprobs.content as { token: string; logprob: number; bytes: number[]; top_logprobs: unknown[] }[];
    expect(content).toHaveLength(6);
    expect(content.map((t) => t.token).join("")).toBe(body.choices[0].message.content);
    for (const t of content) {
      expect(t.logprob).toBeLessThanOrEqual(0);
      expect(t.bytes).toEqual([...Buffer.from(t.token)]);
      expect(t.top_logprobs).toHaveLength(3);
    }
    const streamed = chunksOf(await (await post({ ...ask, logprobs: true, top_logprobs: 3, stream: true })).text());
    const tokens = streamed.flatMap((c) => c.choices.flatMap((choice) => choice.logprobs?.content ?? []));
    expect(tokens.map((t) => t.token)).toEqual(content.map((t) => t.token));
    // A token's entry travels in the chunk with its text.
    expect(streamed.some((c) => c.choices[0]?.delta.content && c.choices[0].logprobs?.content.length)).toBe(true);
  });

  it("refuses top_logprobs without logprobs, and logprobs the engine cannot give (a grammar-held JSON reply), as 400s", async () => {
    const alone = await post({ ...ask, top_logprobs: 2 });
    expect(alone.status).toBe(400);
    expect((await alone.json()).error.param).toBe("top_logprobs");
    const json = await post({ ...ask, logprobs: true, response_format: { type: "json_object" }, stream: true });
    expect(json.status).toBe(400);
    expect((await json.json()).error.message).toMatch(/no log-probabilities/);
  });

  it("refuses each OpenAI parameter it does not honour with a 400 naming it, and accepts the values that ask for nothing more", async () => {
    const refused: [string, unknown][] = [
      ["logit_bias", { "1234": 5 }],
      ["parallel_tool_calls", false],
      ["audio", { voice: "alloy", format: "mp3" }],
      ["modalities", ["text", "audio"]],
      ["prediction", { type: "content", content: "x" }],
      ["service_tier", "flex"],
      ["store", true],
      ["web_search_options", {}],
      ["reasoning_effort", "low"],
      ["functions", [{ name: "f" }]],
    ];
    for (const [param, value] of refused) {
      const response = await post({ ...ask, [param]: value });
      expect(response.status, param).toBe(400);
      expect((await response.json()).error, param).toMatchObject({ param, code: "unsupported_parameter", type: "invalid_request_error" });
    }
    const accepted = { logit_bias: {}, parallel_tool_calls: true, modalities: ["text"], service_tier: "auto", store: false, user: "user-42", metadata: { team: "a" }, logprobs: false, n: 1, some_vendor_field: 1 };
    expect((await post({ ...ask, ...accepted })).status).toBe(200);
    const wrongType = await post({ ...ask, metadata: "x" });
    expect((await wrongType.json()).error.param).toBe("metadata");
  });
});
