/**
 * The Anthropic-compatible Messages API on the route handlers, over the embedded demo model:
 * request mapping, both reply forms, count_tokens, and Anthropic's error shape and statuses.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAnthropicStreamDecoder } from "@/lib/dialects/anthropic/decode";

const KEY = "messages-test-key-1";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "messages-api-"));
Object.assign(process.env, { DATA_DIR: dataDir, DEMO_TOKENS_PER_SECOND: "0", LOCAL_THREADS: "1", LOCAL_CONTEXT_SIZE: "1024", ACCESS_KEYS: KEY, CHAT_RATE_LIMIT: "1000" });
for (const key of ["MODELSLAB_API_KEY", "OPENAI_BASE_URL", "LOCAL_MODEL_PATH", "DATABASE_URL", "ALLOWED_ORIGINS", "MODELS_ALLOWED", "ANTHROPIC_BASE_URL"]) delete process.env[key];

let messages: typeof import("./route");
let countTokens: typeof import("./count_tokens/route");
let countPromptTokens: typeof import("@/lib/tokens/mistral-tokenizer").countPromptTokens;
let model: string;

beforeAll(async () => {
  messages = await import("./route");
  countTokens = await import("./count_tokens/route");
  ({ countPromptTokens } = await import("@/lib/tokens/mistral-tokenizer"));
  model = (await import("@/lib/providers/registry")).getProvider().info.model;
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const post = (url: string, body: unknown, headers: Record<string, string> = { "x-api-key": KEY }) =>
  new Request(`http://app${url}`, { method: "POST", headers: { "content-type": "application/json", "anthropic-version": "2023-06-01", ...headers }, body: JSON.stringify(body) });
const create = (body: Record<string, unknown>, headers?: Record<string, string>) => messages.POST(post("/api/v1/messages", { model, max_tokens: 8, ...body }, headers));
const ask = (text: string) => [{ role: "user", content: text }];
const weather = { name: "get_weather", description: "Current weather in a city", input_schema: { type: "object", properties: { city: { type: "string", maxLength: 20 } }, required: ["city"] } };

describe("POST /api/v1/messages", () => {
  it("answers a message in Anthropic's shape, ignoring metadata, cache_control and undocumented fields", async () => {
    const response = await create({
      messages: [{ role: "user", content: [{ type: "text", text: "Name a river.", cache_control: { type: "ephemeral" } }] }],
      system: [{ type: "text", text: "Be brief.", cache_control: { type: "ephemeral" } }],
      metadata: { user_id: "someone" },
      some_future_field: { x: 1 },
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ type: "message", role: "assistant", model, stop_reason: "max_tokens", stop_sequence: null, usage: { output_tokens: 8 } });
    expect(body.id).toMatch(/^msg_/);
    expect(body.content[0].type).toBe("text");
    expect(body.content[0].text.length).toBeGreaterThan(0);
    expect(body.usage.input_tokens).toBeGreaterThan(5);
  });

  it("streams Anthropic's event sequence, which the Anthropic decoder reads back", async () => {
    const response = await create({ messages: ask("Name a river."), stream: true });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const text = await response.text();
    const types = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(types.slice(0, 3)).toEqual(["message_start", "ping", "content_block_start"]);
    expect(types.slice(-3)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
    const decoder = createAnthropicStreamDecoder();
    const events = [...decoder.push(text), ...decoder.end()];
    expect(events.at(-1)).toEqual({ type: "finish", reason: "length" });
    expect(events.find((e) => e.type === "usage")).toMatchObject({ usage: { completionTokens: 8 } });
  });

  it("ends before the first stop sequence, saying stop_sequence and which one", async () => {
    const body = { messages: ask("Say something."), max_tokens: 60, temperature: 0 };
    const full = (await (await create(body)).json()).content[0].text as string;
    expect(full).toContain("e");
    const stopped = await (await create({ ...body, stop_sequences: ["@@", "e"] })).json();
    expect(stopped).toMatchObject({ stop_reason: "stop_sequence", stop_sequence: "e" });
    expect(stopped.content.map((b: { text: string }) => b.text).join("")).toBe(full.slice(0, full.indexOf("e")));
  });

  it("continues a prefilled assistant turn (the embedded engine can), answering only the new text", async () => {
    const response = await create({ messages: [...ask("Name a river."), { role: "assistant", content: "The river" }], max_tokens: 6 });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.stop_reason).toBe("max_tokens");
    expect(body.content[0].text).not.toMatch(/^The river/);
  });

  it("takes tool_use / tool_result history and a forced tool, and answers with a tool_use block", async () => {
    const forced = await (await create({ messages: ask("Weather in Paris?"), tools: [weather], tool_choice: { type: "tool", name: "get_weather" }, max_tokens: 60 })).json();
    expect(forced.stop_reason).toBe("tool_use");
    const call = forced.content.find((b: { type: string }) => b.type === "tool_use");
    expect(call).toMatchObject({ type: "tool_use", name: "get_weather" });
    expect(typeof call.input.city).toBe("string");
    const reply = await create({
      tools: [weather],
      messages: [
        ...ask("Weather in Paris?"),
        { role: "assistant", content: forced.content },
        { role: "user", content: [{ type: "tool_result", tool_use_id: call.id, content: [{ type: "text", text: "18 °C, sunny" }] }] },
      ],
    });
    expect(reply.status).toBe(200);
    expect((await reply.json()).content[0].type).toBe("text");
  });

  it("refuses what it cannot honour with a 400 naming the field", async () => {
    const missing = await messages.POST(post("/api/v1/messages", { model, messages: ask("hi") }));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ type: "error", error: { type: "invalid_request_error", message: expect.stringMatching(/^max_tokens/) } });
    const hot = await create({ messages: ask("hi"), temperature: 1.5 });
    expect(hot.status).toBe(400);
    expect((await hot.json()).error.message).toMatch(/^temperature: temperature must be at most 1/);
    const image = await create({ messages: [{ role: "user", content: [{ type: "image", source: { type: "base64", media_type: "image/png", data: "" } }] }] });
    expect((await image.json()).error.message).toMatch(/^messages\.0\.content\.0\.type: image blocks are not supported/);
    const orphan = await create({ messages: [{ role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_x", content: "42" }] }] });
    expect(orphan.status).toBe(400);
    expect((await orphan.json()).error.message).toMatch(/^messages: the first message must be a user message/);
  });

  it("lowers a max_tokens the window cannot hold (as Claude Code sends): the reply stops at the window, model_context_window_exceeded", async () => {
    // About 900 of the 1,024 tokens go to the prompt; 32,000 asked, about 120 left.
    const prompt = "river ".repeat(880);
    const promptTokens = await countPromptTokens("", [{ role: "user", content: prompt }]);
    // The prompt is tokenized once: fitting max_tokens and message_start's input_tokens share the count.
    const tokenizer = await import("@/lib/tokens/mistral-tokenizer");
    const counts = vi.spyOn(tokenizer, "countPromptTokens");
    const response = await create({ messages: ask(prompt), max_tokens: 32_000 });
    expect(counts).toHaveBeenCalledTimes(1);
    counts.mockRestore();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.stop_reason).toBe("model_context_window_exceeded");
    expect(body.usage).toEqual({ input_tokens: promptTokens, output_tokens: 1024 - promptTokens });
    // Within the room, the client's own limit still says max_tokens.
    expect((await (await create({ messages: ask(prompt), max_tokens: 4 })).json()).stop_reason).toBe("max_tokens");
    // A prompt that fills the window is refused whatever max_tokens says.
    const full = await create({ messages: ask("river ".repeat(1100)), max_tokens: 32_000 });
    expect(full.status).toBe(400);
    expect((await full.json()).error.message).toMatch(/^messages: .*fills the 1024-token context window/);
  });

  it("takes system turns inside messages (Claude Code's mid-conversation system blocks) into the system prompt", async () => {
    const turns = [
      { role: "user", content: [{ type: "text", text: "Name a river." }] },
      { role: "system", content: [{ type: "text", text: "Answer in one word.", cache_control: { type: "ephemeral" } }] },
    ];
    const response = await create({ system: "Be brief.", messages: turns });
    expect(response.status).toBe(200);
    const counted = await (await countTokens.POST(post("/api/v1/messages/count_tokens", { model, system: "Be brief.", messages: turns }))).json();
    expect(counted.input_tokens).toBe(await countPromptTokens("Be brief.\n\nAnswer in one word.", [{ role: "user", content: "Name a river." }]));
    const image = await create({ messages: [...turns, { role: "system", content: [{ type: "image", source: {} }] }] });
    expect((await image.json()).error.message).toMatch(/^messages\.2\.content\.0\.type: a system message holds text blocks only/);
  });

  it("answers a missing key with 401 authentication_error and an unknown model with 404 not_found_error", async () => {
    const none = await create({ messages: ask("hi") }, {});
    expect(none.status).toBe(401);
    expect((await none.json()).error.type).toBe("authentication_error");
    const unknown = await create({ messages: ask("hi"), model: "no-such-model-here" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ type: "error", error: { type: "not_found_error", message: expect.stringContaining("no-such-model-here") } });
  });
});

describe("POST /api/v1/messages/count_tokens", () => {
  it("counts the prompt exactly as the engine writes it, tools included", async () => {
    const count = async (body: Record<string, unknown>) => (await countTokens.POST(post("/api/v1/messages/count_tokens", { model, ...body }))).json();
    const plain = await count({ system: "Be brief.", messages: ask("Name a river.") });
    expect(plain).toEqual({ input_tokens: await countPromptTokens("Be brief.", [{ role: "user", content: "Name a river." }]) });
    const withTools = await count({ system: "Be brief.", messages: ask("Name a river."), tools: [weather] });
    expect(withTools.input_tokens).toBeGreaterThan(plain.input_tokens);
    const bad = await countTokens.POST(post("/api/v1/messages/count_tokens", { model, messages: "hi" }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/^messages: /);
  });
});

describe("wrong methods and unknown paths under /api/v1/messages", () => {
  it("answer in Anthropic's error shape: a 405 with Allow, a 404 not_found_error", async () => {
    const wrong = messages.GET(new Request("http://app/api/v1/messages"));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("OPTIONS, POST");
    expect(await wrong.json()).toEqual({ type: "error", error: { type: "invalid_request_error", message: expect.stringContaining("POST") } });
    const { POST: catchAll } = await import("../../[[...path]]/route");
    const missing = catchAll(new Request("http://app/api/v1/messages/batches", { method: "POST" }));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ type: "error", error: { type: "not_found_error", message: "No API endpoint at POST /api/v1/messages/batches." } });
  });
});
