/**
 * The official `openai` Node client against this app's OpenAI-compatible API (`/api/v1`), served
 * by `next start` on the demo model: what a developer who points the SDK's baseURL here gets.
 * No browser page: the SDK is the client. Its own server (a generous request limit, since this
 * file sends many requests in a minute, a small context window, and CORS_ORIGINS set).
 */
import { expect, test } from "@playwright/test";
import OpenAI from "openai";
import { startOwnServer, type OwnServer } from "./support/own-server";

const PAGE_ORIGIN = "https://tools.example.com";
const CONTEXT = 2048;
let server: OwnServer;
let client: OpenAI;
let model: string;
/** Requests the SDK sent, counted by its fetch (to see retries). */
let sent = 0;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startOwnServer(3106, {
    // No upstream: the generated demo model, paced so a stream can be stopped midway.
    MODELSLAB_API_KEY: "",
    DEMO_TOKENS_PER_SECOND: "40",
    LOCAL_THREADS: "1",
    LOCAL_CONTEXT_SIZE: String(CONTEXT),
    CHAT_RATE_LIMIT: "1000",
    CORS_ORIGINS: PAGE_ORIGIN,
  });
  client = new OpenAI({
    baseURL: `${server.url}/api/v1`,
    apiKey: "unused-when-access-is-open",
    fetch: (url, init) => {
      sent++;
      return fetch(url, init);
    },
  });
  model = ((await (await fetch(`${server.url}/api/v1/models`)).json()) as { data: { id: string }[] }).data[0].id;
});
test.afterAll(async () => {
  await server?.stop();
});

const ask = (content: string) => [{ role: "user" as const, content }];
const weather = {
  type: "function" as const,
  function: { name: "get_weather", description: "Current weather in a city", parameters: { type: "object", properties: { city: { type: "string", maxLength: 20 } }, required: ["city"] } },
};

test("models.list and models.retrieve show the served model; an unknown id is a 404 model_not_found", async () => {
  const ids: string[] = [];
  for await (const m of client.models.list()) ids.push(m.id);
  expect(ids[0]).toBe(model);
  // The demo model's id has spaces and brackets: the SDK encodes it, the route reads it back.
  const one = await client.models.retrieve(model);
  expect(one).toMatchObject({ id: model, object: "model", owned_by: "local" });
  expect(one._request_id).toMatch(/^req_[0-9a-f]{32}$/);
  const error = await client.models.retrieve("gpt-4o").catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.NotFoundError);
  expect(error).toMatchObject({ status: 404, code: "model_not_found" });
});

test("chat.completions.create answers with OpenAI's fields and an x-request-id", async () => {
  const { data, request_id } = await client.chat.completions.create({ model, messages: ask("Name a river."), max_tokens: 8, seed: 3 }).withResponse();
  expect(request_id).toMatch(/^req_/);
  expect(data).toMatchObject({ object: "chat.completion", model, system_fingerprint: null, choices: [{ index: 0, finish_reason: "length", message: { role: "assistant" } }] });
  expect(data.choices[0].message.content!.length).toBeGreaterThan(0);
  expect(data.usage).toMatchObject({ completion_tokens: 8 });
  expect(data.usage!.total_tokens).toBe(data.usage!.prompt_tokens + 8);
});

test("streams with stream_options.include_usage: text chunks, then one usage chunk", async () => {
  const stream = await client.chat.completions.create({ model, messages: ask("Name a river."), max_tokens: 8, seed: 3, stream: true, stream_options: { include_usage: true } });
  let text = "";
  const finishes: string[] = [];
  let usage: OpenAI.CompletionUsage | undefined | null;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? "";
    if (chunk.choices[0]?.finish_reason) finishes.push(chunk.choices[0].finish_reason);
    if (chunk.usage) usage = chunk.usage;
  }
  const whole = await client.chat.completions.create({ model, messages: ask("Name a river."), max_tokens: 8, seed: 3 });
  expect(text).toBe(whole.choices[0].message.content);
  expect(finishes).toEqual(["length"]);
  expect(usage).toEqual(whole.usage);
});

test("the .stream() helper assembles the reply and its final completion", async () => {
  const deltas: string[] = [];
  const stream = client.chat.completions.stream({ model, messages: ask("Name a river."), max_tokens: 8, seed: 3, stream_options: { include_usage: true } });
  stream.on("content", (delta) => deltas.push(delta));
  const final = await stream.finalChatCompletion();
  expect(final.choices[0].message.content).toBe(deltas.join(""));
  expect(final.choices[0].finish_reason).toBe("length");
  expect(final.usage?.completion_tokens).toBe(8);
});

test("stop ends the reply before the first stop sequence", async () => {
  const body = { model, messages: ask("Say something."), max_tokens: 60, seed: 11, temperature: 0.8 };
  const full = (await client.chat.completions.create(body)).choices[0].message.content!;
  expect(full).toContain("e");
  const stopped = await client.chat.completions.create({ ...body, stop: ["e"] });
  expect(stopped.choices[0]).toMatchObject({ finish_reason: "stop", message: { content: full.slice(0, full.indexOf("e")) } });
});

test("n: 2 gives two choices, indexed 0 and 1, streamed and not", async () => {
  const whole = await client.chat.completions.create({ model, messages: ask("Name a river."), max_tokens: 6, n: 2 });
  expect(whole.choices.map((c) => c.index)).toEqual([0, 1]);
  expect(whole.usage?.completion_tokens).toBe(12);
  const helper = client.chat.completions.stream({ model, messages: ask("Name a river."), max_tokens: 6, n: 2 });
  const final = await helper.finalChatCompletion();
  expect(final.choices.map((c) => [c.index, c.finish_reason])).toEqual([
    [0, "length"],
    [1, "length"],
  ]);
  for (const c of final.choices) expect(c.message.content!.length).toBeGreaterThan(0);
});

test("tools round trip: tool_choice required gives a call, its result sent back gives a reply", async () => {
  const messages: OpenAI.ChatCompletionMessageParam[] = ask("What is the weather in Oslo?");
  const first = await client.chat.completions.create({ model, messages, tools: [weather], tool_choice: "required", max_tokens: 120, seed: 2 });
  const [choice] = first.choices;
  expect(choice.finish_reason).toBe("tool_calls");
  const call = choice.message.tool_calls![0];
  expect(call.type).toBe("function");
  if (call.type !== "function") throw new Error("not a function call");
  expect(call.function.name).toBe("get_weather");
  expect(typeof (JSON.parse(call.function.arguments) as { city: unknown }).city).toBe("string");

  messages.push(choice.message, { role: "tool", tool_call_id: call.id, content: JSON.stringify({ celsius: 4, sky: "clear" }) });
  const second = await client.chat.completions.create({ model, messages, tools: [weather], max_tokens: 10, seed: 2 });
  expect(second.choices[0].message.role).toBe("assistant");
  expect(["stop", "length", "tool_calls"]).toContain(second.choices[0].finish_reason);
});

test("response_format json_schema holds the reply to the schema", async () => {
  const schema = { type: "object", properties: { mood: { type: "string", enum: ["calm", "busy"] } }, required: ["mood"], additionalProperties: false };
  const reply = await client.chat.completions.create({ model, messages: ask("Mood?"), max_tokens: 60, response_format: { type: "json_schema", json_schema: { name: "mood", schema, strict: true } } });
  expect(["calm", "busy"]).toContain((JSON.parse(reply.choices[0].message.content!) as { mood: string }).mood);
});

test("an over-long prompt is a 400 context_length_exceeded that the SDK does not retry", async () => {
  sent = 0;
  const error = await client.chat.completions.create({ model, messages: ask("hello ".repeat(CONTEXT * 2)), max_tokens: 10 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.BadRequestError);
  expect(error).toMatchObject({ status: 400, code: "context_length_exceeded", type: "invalid_request_error" });
  expect(sent).toBe(1);
});

test("an unknown model is a 404, a bad parameter a 400 naming it", async () => {
  const unknown = await client.chat.completions.create({ model: "gpt-4o", messages: ask("hi") }).catch((e: unknown) => e);
  expect(unknown).toMatchObject({ status: 404, code: "model_not_found", param: "model" });
  const hot = await client.chat.completions.create({ model, messages: ask("hi"), temperature: 5 }).catch((e: unknown) => e);
  expect(hot).toBeInstanceOf(OpenAI.BadRequestError);
  expect(hot).toMatchObject({ status: 400, param: "temperature" });
  const biased = await client.chat.completions.create({ model, messages: ask("hi"), logit_bias: { "1234": 10 } }).catch((e: unknown) => e);
  expect(biased).toMatchObject({ status: 400, param: "logit_bias", code: "unsupported_parameter" });
  expect((biased as InstanceType<typeof OpenAI.APIError>).requestID).toMatch(/^req_/);
});

test("logprobs come back in choices[].logprobs.content", async () => {
  const reply = await client.chat.completions.create({ model, messages: ask("Name a river."), max_tokens: 5, logprobs: true, top_logprobs: 2 });
  const content = reply.choices[0].logprobs!.content!;
  expect(content.map((t) => t.token).join("")).toBe(reply.choices[0].message.content);
  for (const t of content) expect(t.top_logprobs).toHaveLength(2);
});

test("aborting mid-stream stops the reply; the server takes the next request at once", async () => {
  const stream = await client.chat.completions.create({ model, messages: ask("Tell a long story."), max_tokens: 400, stream: true });
  let chunks = 0;
  const aborted = (async () => {
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) chunks++;
      if (chunks === 3) stream.controller.abort();
    }
  })().catch((e: unknown) => e);
  const error = await aborted;
  // Either the iteration just ends or the SDK reports the user's abort; never the whole reply.
  if (error) expect(error).toBeInstanceOf(OpenAI.APIUserAbortError);
  expect(chunks).toBeLessThan(10);
  const next = await client.chat.completions.create({ model, messages: ask("hi"), max_tokens: 3 });
  expect(next.choices[0].finish_reason).toBe("length");
});

test("JSON 404 and 405 with x-request-id instead of Next's HTML pages", async () => {
  const wrongMethod = await fetch(`${server.url}/api/v1/chat/completions`);
  expect(wrongMethod.status).toBe(405);
  expect(wrongMethod.headers.get("allow")).toBe("OPTIONS, POST");
  expect(wrongMethod.headers.get("x-request-id")).toMatch(/^req_/);
  expect(await wrongMethod.json()).toMatchObject({ error: { code: "method_not_allowed", type: "invalid_request_error" } });
  const missing = await fetch(`${server.url}/api/v1/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  expect(missing.status).toBe(404);
  expect(missing.headers.get("content-type")).toContain("application/json");
  expect(missing.headers.get("x-request-id")).toMatch(/^req_/);
  expect((await missing.json()).error.code).toBe("not_found");
  const elsewhere = await fetch(`${server.url}/api/no/such/thing`);
  expect(elsewhere.status).toBe(404);
  expect(await elsewhere.json()).toMatchObject({ error: { code: "not_found" } });
  const sharesGet = await fetch(`${server.url}/api/shares`);
  expect(sharesGet.status).toBe(405);
  expect(sharesGet.headers.get("allow")).toBe("OPTIONS, POST");
  const notJson = await fetch(`${server.url}/api/v1/chat/completions`, { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" });
  expect(notJson.status).toBe(415);
});

test("CORS: a listed origin's preflight and requests are allowed, any other origin's refused", async () => {
  const preflight = (origin: string) =>
    fetch(`${server.url}/api/v1/chat/completions`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type,x-stainless-os" },
    });
  const allowed = await preflight(PAGE_ORIGIN);
  expect(allowed.status).toBe(204);
  expect(allowed.headers.get("access-control-allow-origin")).toBe(PAGE_ORIGIN);
  expect(allowed.headers.get("access-control-allow-headers")).toBe("authorization, content-type, x-stainless-os");
  const refused = await preflight("https://elsewhere.example");
  expect(refused.status).toBe(403);
  expect(refused.headers.get("access-control-allow-origin")).toBeNull();

  // The real request from the listed page: passes the origin guard, answer readable by the page, streams too.
  const post = await fetch(`${server.url}/api/v1/chat/completions`, {
    method: "POST",
    headers: { origin: PAGE_ORIGIN, "sec-fetch-site": "cross-site", "content-type": "application/json" },
    body: JSON.stringify({ messages: ask("hi"), max_tokens: 3, stream: true }),
  });
  expect(post.status).toBe(200);
  expect(post.headers.get("access-control-allow-origin")).toBe(PAGE_ORIGIN);
  expect(post.headers.get("vary")).toContain("Origin");
  expect(post.headers.get("x-request-id")).toMatch(/^req_/);
  expect(await post.text()).toContain("data: [DONE]");
  const other = await fetch(`${server.url}/api/v1/chat/completions`, {
    method: "POST",
    headers: { origin: "https://elsewhere.example", "sec-fetch-site": "cross-site", "content-type": "application/json" },
    body: JSON.stringify({ messages: ask("hi"), max_tokens: 3 }),
  });
  expect(other.status).toBe(403);
  expect(other.headers.get("access-control-allow-origin")).toBeNull();
});
