/**
 * The official `@anthropic-ai/sdk` against this app's Anthropic-compatible Messages API, served by
 * `next start` on the demo model, with the base URL a developer (or Claude Code) would set:
 * `http://host:3000/api`. No browser page: the SDK is the client. Its own server, on its own port.
 */
import Anthropic from "@anthropic-ai/sdk";
import { expect, test } from "@playwright/test";
import { startOwnServer, type OwnServer } from "./support/own-server";

const KEY = "anthropic-sdk-e2e-key-7f3a";
let server: OwnServer;
let client: Anthropic;
let model: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startOwnServer(3107, {
    // No upstream: the generated demo model.
    MODELSLAB_API_KEY: "",
    DEMO_TOKENS_PER_SECOND: "40",
    LOCAL_THREADS: "1",
    LOCAL_CONTEXT_SIZE: "2048",
    CHAT_RATE_LIMIT: "1000",
    ACCESS_KEYS: KEY,
  });
  client = new Anthropic({ baseURL: `${server.url}/api`, apiKey: KEY, maxRetries: 0 });
  model = (await client.models.list()).data[0].id;
});
test.afterAll(async () => {
  await server?.stop();
});

const ask = (content: string): Anthropic.MessageParam[] => [{ role: "user", content }];
const weather: Anthropic.Tool = {
  name: "get_weather",
  description: "Current weather in a city",
  input_schema: { type: "object", properties: { city: { type: "string", maxLength: 20 } }, required: ["city"] },
};

test("models.list shows the served model in Anthropic's shape", async () => {
  const page = await client.models.list();
  expect(page.data[0]).toMatchObject({ id: model, type: "model" });
  expect(page.data[0].display_name.length).toBeGreaterThan(0);
});

test("messages.create answers with Anthropic's message and a request id", async () => {
  const { data, request_id } = await client.messages.create({ model, max_tokens: 8, system: "Be brief.", messages: ask("Name a river."), metadata: { user_id: "e2e" } }).withResponse();
  expect(request_id).toMatch(/^req_/);
  expect(data).toMatchObject({ type: "message", role: "assistant", model, stop_reason: "max_tokens", usage: { output_tokens: 8 } });
  expect(data.id).toMatch(/^msg_/);
  expect(data.content[0].type).toBe("text");
  expect(data.usage.input_tokens).toBeGreaterThan(0);
});

test("messages.stream gives text events and a finalMessage equal to what was streamed", async () => {
  const stream = client.messages.stream({ model, max_tokens: 12, messages: ask("Name a river.") });
  let streamed = "";
  stream.on("text", (text) => (streamed += text));
  const final = await stream.finalMessage();
  expect(final.content).toHaveLength(1);
  expect(final.content[0]).toMatchObject({ type: "text", text: streamed });
  expect(streamed.length).toBeGreaterThan(0);
  expect(final.stop_reason).toBe("max_tokens");
  expect(final.usage.output_tokens).toBe(12);
});

test("stop_sequences end the reply before the first one, with stop_reason stop_sequence naming it", async () => {
  const body = { model, max_tokens: 60, temperature: 0, messages: ask("Say something.") };
  const full = (await client.messages.create(body)).content.map((b) => (b.type === "text" ? b.text : "")).join("");
  expect(full).toContain("e");
  const stopped = await client.messages.create({ ...body, stop_sequences: ["e"] });
  expect(stopped).toMatchObject({ stop_reason: "stop_sequence", stop_sequence: "e" });
  expect(stopped.content.map((b) => (b.type === "text" ? b.text : "")).join("")).toBe(full.slice(0, full.indexOf("e")));
});

test("countTokens counts the prompt; a longer prompt has more tokens", async () => {
  const short = await client.messages.countTokens({ model, messages: ask("Hi") });
  const long = await client.messages.countTokens({ model, system: "Answer in French, briefly.", messages: ask("What is the tallest mountain in Europe?"), tools: [weather] });
  expect(short.input_tokens).toBeGreaterThan(0);
  expect(long.input_tokens).toBeGreaterThan(short.input_tokens);
});

test("tool use round trip: a forced tool gives a tool_use block; its tool_result gives a reply", async () => {
  const messages = ask("What is the weather in Oslo?");
  const first = await client.messages.create({ model, max_tokens: 120, messages, tools: [weather], tool_choice: { type: "tool", name: "get_weather" } });
  expect(first.stop_reason).toBe("tool_use");
  const call = first.content.find((b): b is Anthropic.ToolUseBlock => b.type === "tool_use")!;
  expect(call).toMatchObject({ type: "tool_use", name: "get_weather" });
  expect(typeof (call.input as { city: unknown }).city).toBe("string");

  messages.push({ role: "assistant", content: first.content }, { role: "user", content: [{ type: "tool_result", tool_use_id: call.id, content: JSON.stringify({ celsius: 4, sky: "clear" }) }] });
  const second = await client.messages.create({ model, max_tokens: 10, messages, tools: [weather] });
  expect(second.role).toBe("assistant");
  expect(["end_turn", "max_tokens", "tool_use"]).toContain(second.stop_reason);
});

test("a streamed tool call arrives as input_json_delta pieces that the SDK assembles into the tool_use input", async () => {
  const stream = client.messages.stream({ model, max_tokens: 120, messages: ask("What is the weather in Oslo?"), tools: [weather], tool_choice: { type: "any" } });
  let json = "";
  stream.on("inputJson", (piece) => (json += piece));
  const final = await stream.finalMessage();
  expect(final.stop_reason).toBe("tool_use");
  const call = final.content.find((b): b is Anthropic.ToolUseBlock => b.type === "tool_use")!;
  expect(call.id).toMatch(/^(toolu_|call_)/);
  expect(call.input).toEqual(JSON.parse(json));
  expect(typeof (call.input as { city: unknown }).city).toBe("string");
});

test("errors: an unknown model is a NotFoundError, a bad parameter a BadRequestError naming it, no key an AuthenticationError", async () => {
  const unknown = await client.messages.create({ model: "no-such-model-here", max_tokens: 8, messages: ask("hi") }).catch((e: unknown) => e);
  expect(unknown).toBeInstanceOf(Anthropic.NotFoundError);
  expect(unknown).toMatchObject({ status: 404, error: { type: "error", error: { type: "not_found_error" } } });
  const bad = await client.messages.create({ model, max_tokens: 0, messages: ask("hi") }).catch((e: unknown) => e);
  expect(bad).toBeInstanceOf(Anthropic.BadRequestError);
  expect(bad).toMatchObject({ status: 400, error: { type: "error", error: { type: "invalid_request_error", message: expect.stringMatching(/^max_tokens: /) } } });
  const keyless = new Anthropic({ baseURL: `${server.url}/api`, apiKey: "wrong-key-0000", maxRetries: 0 });
  await expect(keyless.messages.create({ model, max_tokens: 8, messages: ask("hi") })).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
});
