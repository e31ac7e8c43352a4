/**
 * The served API behind ACCESS_KEYS, with the official clients as the clients: `openai`,
 * `@anthropic-ai/sdk`, and the Vercel AI SDK over both dialects (`@ai-sdk/openai-compatible` at
 * /api/v1, `@ai-sdk/anthropic` at /api/v1 too, its base URL including the version). No key, a
 * wrong key and a right key; streamText and generateText with a tool; and a key's usage, read back
 * from GET /api/v1/usage and the Usage page, equal to the usage fields the clients received.
 * Its own server on the demo model, two access keys.
 */
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import Anthropic from "@anthropic-ai/sdk";
import { expect, test } from "@playwright/test";
import { generateText, jsonSchema, stepCountIs, streamText, tool, type LanguageModel } from "ai";
import OpenAI from "openai";
import { startOwnServer, type OwnServer } from "./support/own-server";

const KEY_A = "sdk-clients-key-alpha-7d2e";
const KEY_B = "sdk-clients-key-bravo-91c4";
const WRONG = "sdk-clients-key-wrong-0000";
let server: OwnServer;
let model: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startOwnServer(3109, {
    MODELSLAB_API_KEY: "",
    DEMO_TOKENS_PER_SECOND: "0",
    LOCAL_THREADS: "1",
    LOCAL_CONTEXT_SIZE: "2048",
    CHAT_RATE_LIMIT: "1000",
    ACCESS_KEYS: `${KEY_A},${KEY_B}`,
  });
  const listed = await fetch(`${server.url}/api/v1/models`, { headers: { authorization: `Bearer ${KEY_A}` } });
  model = ((await listed.json()) as { data: { id: string }[] }).data[0].id;
});
test.afterAll(async () => {
  await server?.stop();
});

/** A fetch that sends no key at all, whatever the SDK puts in (the SDKs refuse to start without one). */
const keyless: typeof fetch = (url, init) => {
  const headers = new Headers(init?.headers);
  headers.delete("authorization");
  headers.delete("x-api-key");
  return fetch(url, { ...init, headers });
};

const openAi = (apiKey: string, options: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}) => new OpenAI({ baseURL: `${server.url}/api/v1`, apiKey, maxRetries: 0, ...options });
const anthropic = (apiKey: string, options: Partial<ConstructorParameters<typeof Anthropic>[0]> = {}) => new Anthropic({ baseURL: `${server.url}/api`, apiKey, maxRetries: 0, ...options });
const aiOpenAi = (apiKey: string): LanguageModel => createOpenAICompatible({ name: "playground", baseURL: `${server.url}/api/v1`, apiKey, includeUsage: true })(model);
const aiAnthropic = (apiKey: string): LanguageModel => createAnthropic({ baseURL: `${server.url}/api/v1`, apiKey })(model);

const ask = (content: string) => [{ role: "user" as const, content }];

test.describe("access keys", () => {
  test("openai: no key and a wrong key are AuthenticationErrors (401 invalid_api_key), the right key answers", async () => {
    for (const client of [openAi("x", { fetch: keyless }), openAi(WRONG)]) {
      const error = await client.chat.completions.create({ model, messages: ask("hi"), max_tokens: 4 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
      expect(error).toMatchObject({ status: 401, code: "invalid_api_key" });
    }
    const reply = await openAi(KEY_A).chat.completions.create({ model, messages: ask("hi"), max_tokens: 4 });
    expect(reply.choices[0].message.content?.length).toBeGreaterThan(0);
    // The key is a header's business: a models list with the wrong key is refused too.
    await expect(openAi(WRONG).models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  test("@anthropic-ai/sdk: no key and a wrong key are AuthenticationErrors (401 authentication_error), the right key answers, as x-api-key or Bearer", async () => {
    for (const client of [anthropic("x", { fetch: keyless }), anthropic(WRONG)]) {
      const error = await client.messages.create({ model, max_tokens: 4, messages: ask("hi") }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
      expect((error as InstanceType<typeof Anthropic.AuthenticationError>).error).toMatchObject({ type: "error", error: { type: "authentication_error" } });
    }
    const byApiKey = await anthropic(KEY_A).messages.create({ model, max_tokens: 4, messages: ask("hi") });
    expect(byApiKey.content[0].type).toBe("text");
    const byToken = await new Anthropic({ baseURL: `${server.url}/api`, apiKey: null, authToken: KEY_A, maxRetries: 0 }).messages.create({ model, max_tokens: 4, messages: ask("hi") });
    expect(byToken.usage.output_tokens).toBe(4);
  });

  test("the AI SDK: a wrong key is an APICallError with status 401 on both dialects", async () => {
    for (const wrong of [aiOpenAi(WRONG), aiAnthropic(WRONG)]) {
      const error = await generateText({ model: wrong, prompt: "hi", maxOutputTokens: 4, maxRetries: 0 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "AI_APICallError", statusCode: 401 });
    }
  });
});

const weather = tool({
  description: "Current weather in a city",
  inputSchema: jsonSchema<{ city: string }>({ type: "object", properties: { city: { type: "string", maxLength: 20 } }, required: ["city"], additionalProperties: false }),
  execute: async ({ city }) => ({ city, celsius: 4, sky: "clear" }),
});

for (const [dialect, make] of [
  ["OpenAI-compatible", aiOpenAi],
  ["Anthropic", aiAnthropic],
] as const) {
  test.describe(`the AI SDK over the ${dialect} API`, () => {
    test("streamText streams the reply and reports its usage", async () => {
      const result = streamText({ model: make(KEY_A), system: "Be brief.", prompt: "Name a river.", maxOutputTokens: 12, maxRetries: 0 });
      let deltas = 0;
      let text = "";
      for await (const piece of result.textStream) {
        deltas++;
        text += piece;
      }
      expect(deltas).toBeGreaterThan(1);
      expect(await result.text).toBe(text);
      expect(await result.finishReason).toBe("length");
      const usage = await result.usage;
      expect(usage.outputTokens).toBe(12);
      expect(usage.inputTokens).toBeGreaterThan(5);
    });

    test("generateText with a tool: the model calls it, the SDK runs it and sends the result back, the model answers", async () => {
      const result = await generateText({
        model: make(KEY_A),
        prompt: "What is the weather in Oslo?",
        tools: { get_weather: weather },
        // A call first, then a reply that reads its result.
        prepareStep: ({ stepNumber }) => ({ toolChoice: stepNumber === 0 ? "required" : "none" }),
        stopWhen: stepCountIs(2),
        maxOutputTokens: 60,
        maxRetries: 0,
      });
      expect(result.steps).toHaveLength(2);
      const [call] = result.steps[0].toolCalls;
      expect(call.toolName).toBe("get_weather");
      expect(typeof (call.input as { city: unknown }).city).toBe("string");
      expect(result.steps[0].toolResults[0].output).toMatchObject({ celsius: 4, sky: "clear" });
      expect(result.steps[1].toolCalls).toEqual([]);
      expect(result.text.length).toBeGreaterThan(0);
    });
  });
}

test("a key's usage adds up across clients and equals the usage fields they received; the Usage page shows it", async ({ page }) => {
  test.setTimeout(90_000);
  // KEY_B is used here only: its account starts empty.
  let input = 0;
  let output = 0;
  const add = (i: number | undefined, o: number | undefined) => {
    expect(i).toBeGreaterThan(0);
    expect(o).toBeGreaterThan(0);
    input += i!;
    output += o!;
  };

  const created = await openAi(KEY_B).chat.completions.create({ model, messages: ask("Name a river."), max_tokens: 9 });
  add(created.usage?.prompt_tokens, created.usage?.completion_tokens);
  const stream = await openAi(KEY_B).chat.completions.create({ model, messages: ask("Name a lake."), max_tokens: 7, stream: true, stream_options: { include_usage: true } });
  for await (const chunk of stream) if (chunk.usage) add(chunk.usage.prompt_tokens, chunk.usage.completion_tokens);
  const two = await openAi(KEY_B).chat.completions.create({ model, messages: ask("Name a sea."), max_tokens: 5, n: 2 });
  add(two.usage?.prompt_tokens, two.usage?.completion_tokens);
  const message = await anthropic(KEY_B).messages.create({ model, max_tokens: 6, system: "Be brief.", messages: ask("Name a mountain.") });
  add(message.usage.input_tokens, message.usage.output_tokens);
  const final = await anthropic(KEY_B).messages.stream({ model, max_tokens: 8, messages: ask("Name a desert.") }).finalMessage();
  add(final.usage.input_tokens, final.usage.output_tokens);
  for (const make of [aiOpenAi, aiAnthropic]) {
    const { usage } = await generateText({ model: make(KEY_B), prompt: "Name a forest.", maxOutputTokens: 5, maxRetries: 0 });
    add(usage.inputTokens, usage.outputTokens);
  }
  const requests = 7;

  // Recorded as each reply ends: wait for the last one.
  const read = async (key: string) => (await fetch(`${server.url}/api/v1/usage`, { headers: { "x-api-key": key } })).json();
  await expect.poll(async () => (await read(KEY_B)).totals.requests, { timeout: 10_000 }).toBe(requests);
  const usage = await read(KEY_B);
  expect(usage.totals).toEqual({
    requests,
    input_tokens: input,
    output_tokens: output,
    estimated_requests: 0,
    cost_usd: expect.closeTo(((input + output) * 0.54) / 1e6, 12),
    unpriced_requests: 0,
  });
  expect(usage.data).toEqual([expect.objectContaining({ model, surface: "api", requests, input_tokens: input, output_tokens: output })]);
  // The other key's account is its own.
  expect((await read(KEY_A)).totals.requests).not.toBe(requests);

  // The Usage page, for the browser that entered KEY_B as its access code.
  await page.goto(`${server.url}/usage`);
  await page.getByRole("textbox", { name: "Access code" }).fill(KEY_B);
  await page.getByRole("button", { name: "Continue" }).click();
  const totals = page.getByTestId("usage-totals");
  await expect(totals).toContainText(`Requests${requests}`);
  await expect(totals).toContainText(`Input tokens${input.toLocaleString("en-US")}`);
  await expect(totals).toContainText(`Output tokens${output.toLocaleString("en-US")}`);
  await expect(page.getByRole("table", { name: "Usage per day, model and surface" })).toContainText(model);
  expect(await page.content()).not.toContain(KEY_B);
});
