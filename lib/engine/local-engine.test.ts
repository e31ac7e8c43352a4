import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "../params";
import { createLocalProvider } from "../providers/local";
import { mixtralPromptSegments } from "../chat/mixtral-template";
import { modelInputText, modelInputTurns } from "../chat/model-input";
import type { ChatRequest } from "../chat/request";
import type { StreamEvent } from "../chat/events";
import { collectEvents } from "../testing/collect-events";
import { ensureDemoModel } from "./demo-model";
import { LocalEngine } from "./local-engine";
import { ENGINE_TOP_K, shapeDistribution } from "../sampling/sampler-transform";
import type { TokenLogprob } from "../chat/events";

let dir: string;
let engine: LocalEngine;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "engine-test-"));
  const modelPath = await ensureDemoModel(dir);
  engine = await LocalEngine.load({ modelPath, threads: 1, contextSize: 2048, parallel: 2, boundedGrammars: true });
});
afterAll(async () => {
  await engine?.dispose();
  await rm(dir, { recursive: true, force: true });
});

const request = (params: Partial<ChatRequest["params"]> = {}): ChatRequest => ({
  systemMessage: "Be brief.",
  messages: [{ role: "user", content: "Explain quantum computing in simple terms" }],
  params: { ...DEFAULT_PARAMS, maxTokens: 40, seed: 1234, ...params },
});

async function run(req: ChatRequest, signal = new AbortController().signal, tokensPerSecond = 0): Promise<StreamEvent[]> {
  return collectEvents(engine.generate(req, { signal, tokensPerSecond }));
}
const textOf = (events: StreamEvent[]) => events.flatMap((e) => (e.type === "text-delta" ? [e.text] : [])).join("");

describe("local engine on the generated Mixtral-shaped model", () => {
  it("tokenizes with the real Mistral vocabulary and the Mixtral template", () => {
    // "Hello world!" is [22557, 1526, 28808] in Mixtral's tokenizer; [INST] is [733, 16289, 28793].
    expect(engine.tokenize({ systemMessage: "", messages: [{ role: "user", content: "Hello world!" }] })).toEqual([
      1, 733, 16289, 28793, 22557, 1526, 28808, 733, 28748, 16289, 28793,
    ]);
    const withHistory = engine.tokenize({
      systemMessage: "",
      messages: [
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello" },
        { role: "user", content: "</s>" },
      ],
    });
    // Exactly one EOS (id 2), after the assistant turn: a typed "</s>" stays text.
    expect(withHistory.filter((t) => t === 2)).toHaveLength(1);
  });

  it("gives the same text for the same seed, and other text for another seed", async () => {
    const a = await run(request());
    const b = await run(request());
    const c = await run(request({ seed: 99 }));
    expect(textOf(a).length).toBeGreaterThan(20);
    expect(textOf(a)).toBe(textOf(b));
    expect(textOf(c)).not.toBe(textOf(a));
  });

  it("stops at Max Tokens and reports usage", async () => {
    const events = await run(request({ maxTokens: 17 }));
    expect(events.at(-2)).toEqual({ type: "usage", usage: { promptTokens: expect.any(Number), completionTokens: 17 } });
    expect(events.at(-1)).toEqual({ type: "finish", reason: "length" });
  });

  it("honours temperature 0 (greedy) and the penalties", async () => {
    const greedy = textOf(await run(request({ temperature: 0, seed: 1 })));
    expect(textOf(await run(request({ temperature: 0, seed: 2 })))).toBe(greedy);
    // Penalties act once a token repeats; over 120 tokens the random model repeats some.
    const plain = textOf(await run(request({ seed: 5, maxTokens: 120 })));
    const penalised = textOf(await run(request({ seed: 5, maxTokens: 120, frequencyPenalty: 2, presencePenalty: 2 })));
    expect(penalised).not.toBe(plain);
  });

  it("stops generating when aborted and keeps what was streamed", async () => {
    const controller = new AbortController();
    const events: StreamEvent[] = [];
    for await (const batch of engine.generate(request({ maxTokens: 2000 }), { signal: controller.signal, tokensPerSecond: 200 })) {
      events.push(...batch);
      if (events.length === 3) controller.abort();
    }
    expect(events.at(-1)).toEqual({ type: "finish", reason: "abort" });
    expect(events.filter((e) => e.type === "text-delta")).toHaveLength(3);
  });

  it("serves more requests at once than it has sequences, queueing the rest", async () => {
    const results = await Promise.all([1, 2, 3].map((seed) => run(request({ seed, maxTokens: 10 }))));
    for (const events of results) expect(events.at(-1)).toEqual({ type: "finish", reason: "length" });
  });

  it("paces the demo model so streaming can be watched", async () => {
    const started = performance.now();
    await run(request({ maxTokens: 10 }), undefined, 100);
    expect(performance.now() - started).toBeGreaterThanOrEqual(80);
  });
});

describe("local engine log-probabilities (requested with options.logprobs)", () => {
  const withLogprobs = (params: Partial<ChatRequest["params"]> = {}, top = 5): ChatRequest => ({ ...request(params), options: { logprobs: { top } } });
  const entriesOf = (events: StreamEvent[]): TokenLogprob[] => events.flatMap((e) => (e.type === "logprobs" ? e.tokens : []));

  it("sends one entry per token, whose texts add up to the reply, each with the top alternatives and the rest of the top-k", async () => {
    const events = await run(withLogprobs({ maxTokens: 30 }));
    const entries = entriesOf(events);
    expect(entries).toHaveLength(30);
    expect(entries.map((e) => e.token).join("")).toBe(textOf(events));
    for (const entry of entries) {
      expect(entry.logprob).toBeLessThanOrEqual(0);
      expect(entry.top).toHaveLength(5);
      expect(entry.tail).toHaveLength(ENGINE_TOP_K - 5);
      const all = [...entry.top!.map((t) => t.logprob), ...entry.tail!];
      expect([...all].sort((a, b) => b - a)).toEqual(all);
    }
    // A text delta and its entries leave in the same batch: no extra write per token.
    const batches = [];
    for await (const batch of engine.generate(withLogprobs({ maxTokens: 5 }), { signal: new AbortController().signal, tokensPerSecond: 0 })) batches.push(batch);
    expect(batches[0].map((e) => e.type)).toEqual(["text-delta", "logprobs"]);
  });

  it("sends no entries when none are asked for", async () => {
    expect(entriesOf(await run(request({ maxTokens: 10 })))).toEqual([]);
  });

  it("draws every token from what top-k and top-p keep, as the probabilities view computes it", async () => {
    const params = { temperature: 0.9, topP: 0.5, maxTokens: 40, seed: 7 };
    for (const entry of entriesOf(await run(withLogprobs(params, 40)))) {
      const shaped = shapeDistribution(entry.top!, { temperature: params.temperature, topP: params.topP, topK: ENGINE_TOP_K });
      const lastKept = shaped.candidates[shaped.kept - 1];
      expect(shaped.kept).toBeLessThan(ENGINE_TOP_K);
      expect(entry.logprob).toBeGreaterThanOrEqual(Math.log(lastKept.before) - 1e-4);
    }
  });

  it("is repeatable for a seed, and at temperature 0 gives the same greedy text as without log-probabilities", async () => {
    expect(textOf(await run(withLogprobs({ seed: 3 })))).toBe(textOf(await run(withLogprobs({ seed: 3 }))));
    expect(textOf(await run(withLogprobs({ temperature: 0 })))).toBe(textOf(await run(request({ temperature: 0 }))));
    // Greedy: each token is its step's likeliest.
    for (const entry of entriesOf(await run(withLogprobs({ temperature: 0, maxTokens: 15 })))) expect(entry.logprob).toBe(entry.top![0].logprob);
  });

  it("stops when aborted on the log-probabilities path too", async () => {
    const controller = new AbortController();
    const events: StreamEvent[] = [];
    for await (const batch of engine.generate(withLogprobs({ maxTokens: 2000 }), { signal: controller.signal, tokensPerSecond: 200 })) {
      events.push(...batch);
      if (events.length >= 6) controller.abort();
    }
    expect(events.at(-1)).toEqual({ type: "finish", reason: "abort" });
  });
});

describe("local engine continuation (the last message is the assistant's)", () => {
  const continuing = (prefix: string, params: Partial<ChatRequest["params"]> = {}): ChatRequest => ({
    ...request({ temperature: 0, ...params }),
    messages: [...request().messages, { role: "assistant", content: prefix }],
  });

  it("leaves the reply open in the prompt: no EOS after the assistant's text", () => {
    const tokens = engine.tokenize(continuing("Hello there"));
    expect(tokens.at(-1)).not.toBe(2);
    expect(tokens.slice(-2)).toEqual(engine.tokenizeText("Hello there").slice(-2));
  });

  it("writes on from the given text, and the same prefix continues the same way", async () => {
    const first = await run(continuing("Quantum computers"));
    expect(textOf(first).length).toBeGreaterThan(10);
    expect(textOf(await run(continuing("Quantum computers")))).toBe(textOf(first));
    // Another prefix is another prompt: the greedy continuation differs.
    expect(textOf(await run(continuing("Bananas")))).not.toBe(textOf(first));
  });
});

describe("local provider", () => {
  it("keeps the demo model to Latin letters, digits, spaces and punctuation, even at temperature 2", async () => {
    const provider = createLocalProvider({ dataDir: dir, threads: 1, contextSize: 1024, parallel: 1, demoTokensPerSecond: 0 });
    const events = await collectEvents(provider.stream(request({ temperature: 2, topP: 1, maxTokens: 400, seed: 11 }), { signal: new AbortController().signal }));
    const text = textOf(events);
    expect(text.length).toBeGreaterThan(200);
    expect(text).toMatch(/^[\p{Script=Latin}0-9\s!-/:-@[-`{-~\u00A0-\u00BF\u2013\u2014\u2018\u2019\u201C\u201D\u2026]*$/u);
    expect(provider.info.capabilities.contextWindow).toBe(1024);
  });

  it("counts the model input it shows with the tokens it evaluates (Show model input)", async () => {
    const provider = createLocalProvider({ dataDir: dir, threads: 1, contextSize: 1024, parallel: 1, demoTokensPerSecond: 0 });
    const messages = [
      { role: "user" as const, content: "Hi there" },
      { role: "assistant" as const, content: "Hello!" },
      { role: "user" as const, content: "Tell me about tides </s> [INST]" },
    ];
    const turns = await modelInputTurns(mixtralPromptSegments("Be brief.", messages), (texts) => provider.countSegmentTokens!(texts));
    expect(modelInputText(turns)).toBe("<s>[INST] Be brief.\n\nHi there [/INST]Hello!</s>[INST] Tell me about tides </s> [INST] [/INST]");
    expect(turns.map((t) => t.kind)).toEqual(["bos", "user", "assistant", "eos", "user"]);
    expect(turns.reduce((sum, t) => sum + t.tokens, 0)).toBe(engine.tokenize({ systemMessage: "Be brief.", messages }).length);
  });

  it("keeps the Latin-only bias on the log-probabilities path, even at temperature 2", async () => {
    const provider = createLocalProvider({ dataDir: dir, threads: 1, contextSize: 1024, parallel: 1, demoTokensPerSecond: 0 });
    const req = { ...request({ temperature: 2, topP: 1, maxTokens: 200, seed: 12 }), options: { logprobs: { top: 3 } } };
    const events = await collectEvents(provider.stream(req, { signal: new AbortController().signal }));
    expect(events.some((e) => e.type === "warnings")).toBe(false);
    expect(textOf(events)).toMatch(/^[\p{Script=Latin}0-9\s!-/:-@[-`{-~\u00A0-\u00BF\u2013\u2014\u2018\u2019\u201C\u201D\u2026]*$/u);
    expect(provider.info.capabilities).toMatchObject({ logprobs: true, continuation: true, samplerTopK: 40 });
  });


  it("rejects a file that is not GGUF with a clear message, without crashing", async () => {
    const bogus = path.join(dir, "not-a-model.gguf");
    await writeFile(bogus, "this is not a model");
    const provider = createLocalProvider({ modelPath: bogus, dataDir: dir, threads: 1, contextSize: 512, parallel: 1, demoTokensPerSecond: 0 });
    const events = await collectEvents(provider.stream(request(), { signal: new AbortController().signal }));
    expect(events).toEqual([{ type: "error", code: "engine_error", message: expect.stringMatching(/not a GGUF file/) }]);
    expect(provider.info).toMatchObject({ kind: "local", isDemo: false, modelFile: "not-a-model.gguf" });
  });

  it("rejects a GGUF that llama.cpp cannot load, checked in a child process", async () => {
    const truncated = path.join(dir, "truncated.gguf");
    await writeFile(truncated, Buffer.concat([Buffer.from("GGUF"), Buffer.alloc(20)]));
    const provider = createLocalProvider({ modelPath: truncated, dataDir: dir, threads: 1, contextSize: 512, parallel: 1, demoTokensPerSecond: 0 });
    const events = await collectEvents(provider.stream(request(), { signal: new AbortController().signal }));
    expect(events).toEqual([{ type: "error", code: "engine_error", message: expect.stringMatching(/llama\.cpp could not load truncated\.gguf/) }]);
  });
});

describe("function calls and JSON on the embedded engine (grammars)", () => {
  const weather = {
    name: "get_weather",
    description: "Current weather for a city",
    parameters: { type: "object", properties: { city: { type: "string" }, unit: { enum: ["celsius", "fahrenheit"] } }, required: ["city", "unit"] },
  };
  const toolCalls = (events: StreamEvent[]) => {
    const calls: { id?: string; name: string; arguments: string }[] = [];
    for (const e of events) {
      if (e.type !== "tool-call-delta") continue;
      calls[e.index] ??= { name: "", arguments: "" };
      if (e.id) calls[e.index].id = e.id;
      if (e.name) calls[e.index].name = e.name;
      calls[e.index].arguments += e.argumentsDelta;
    }
    return calls;
  };

  it("a required call comes out as tool-call deltas whose arguments match the function's schema", async () => {
    const events = await run({ ...request({ maxTokens: 200 }), options: { tools: [weather], toolChoice: "required" } });
    expect(events.at(-1)).toEqual({ type: "finish", reason: "tool_calls" });
    expect(textOf(events)).toBe("");
    const [call] = toolCalls(events);
    expect(call.name).toBe("get_weather");
    expect(call.id).toMatch(/^call_/);
    const args = JSON.parse(call.arguments) as { city: unknown; unit: unknown };
    expect(typeof args.city).toBe("string");
    expect(["celsius", "fahrenheit"]).toContain(args.unit);
  });

  it("JSON schema mode gives a reply that parses and keeps to enum, maxLength and required", async () => {
    const schema = {
      type: "object",
      properties: { name: { type: "string", maxLength: 12 }, mood: { enum: ["happy", "sad"] }, tags: { type: "array", items: { type: "string" } } },
      required: ["name", "mood", "tags"],
    };
    const events = await run({ ...request({ maxTokens: 300 }), options: { responseFormat: { type: "json_schema", schema } } });
    expect(events.at(-1)).toEqual({ type: "finish", reason: "stop" });
    const value = JSON.parse(textOf(events)) as { name: string; mood: string; tags: unknown[] };
    expect(value.name.length).toBeLessThanOrEqual(12);
    expect(["happy", "sad"]).toContain(value.mood);
    expect(Array.isArray(value.tags)).toBe(true);
  });

  it("JSON mode gives one JSON object and stops when it is complete", async () => {
    const events = await run({ ...request({ maxTokens: 300 }), options: { responseFormat: { type: "json_object" } } });
    expect(events.at(-1)).toEqual({ type: "finish", reason: "stop" });
    expect(typeof JSON.parse(textOf(events))).toBe("object");
  });
});

describe("local engine stop sequences, top-k and repetition penalty", () => {
  const finishOf = (events: StreamEvent[]) => events.at(-1);
  const entriesOf = (events: StreamEvent[]): TokenLogprob[] => events.flatMap((e) => (e.type === "logprobs" ? e.tokens : []));

  it("ends the reply before a common letter, without it, with finish reason stop", async () => {
    const full = textOf(await run(request({ seed: 21, maxTokens: 80 })));
    expect(full).toContain("e");
    const events = await run(request({ seed: 21, maxTokens: 80, stop: ["e"] }));
    expect(textOf(events)).toBe(full.slice(0, full.indexOf("e")));
    expect(textOf(events)).not.toContain("e");
    expect(finishOf(events)).toEqual({ type: "finish", reason: "stop", stopSequence: "e" });
  });

  it("ends before a sequence that spans three tokens, and its held-back tokens' entries still add up to the text", async () => {
    const base = { seed: 8, maxTokens: 80 };
    const withLogprobs = (params: Partial<ChatRequest["params"]>): ChatRequest => ({ ...request({ ...base, ...params }), options: { logprobs: { top: 3 } } });
    const unstopped = await run(withLogprobs({}));
    const full = textOf(unstopped);
    const tokens = entriesOf(unstopped).map((e) => e.token);
    // The last character of one token, the whole next one, the first character of the one after.
    let sequence = "";
    let at = 0;
    for (let i = 0, offset = 0; i + 2 < tokens.length; offset += tokens[i].length, i++) {
      const candidate = tokens[i].slice(-1) + tokens[i + 1] + tokens[i + 2].slice(0, 1);
      const start = offset + tokens[i].length - 1;
      if (tokens[i].length >= 2 && tokens[i + 1].length >= 1 && tokens[i + 2].length >= 2 && full.indexOf(candidate) === start) {
        sequence = candidate;
        at = start;
        break;
      }
    }
    expect(sequence.length).toBeGreaterThanOrEqual(3);
    const events = await run(withLogprobs({ stop: ["@@never@@", sequence] }));
    expect(textOf(events)).toBe(full.slice(0, at));
    expect(finishOf(events)).toEqual({ type: "finish", reason: "stop", stopSequence: sequence });
    // The token the stop cut through keeps only its text before the cut; later ones are not sent.
    const entries = entriesOf(events);
    expect(entries.map((e) => e.token).join("")).toBe(textOf(events));
    expect(entries.at(-1)!.token).toBe(tokens[entries.length - 1].slice(0, -1));
  });

  it("lets the reply run to Max Tokens when the stop never comes, releasing any held-back start", async () => {
    const full = textOf(await run(request({ seed: 4, maxTokens: 30 })));
    const events = await run(request({ seed: 4, maxTokens: 30, stop: [`${full.slice(-1)}\u0000never`] }));
    expect(textOf(events)).toBe(full);
    expect(finishOf(events)).toEqual({ type: "finish", reason: "length" });
  });

  it("honours top-k: with k = 1 any temperature gives the greedy text, on both paths", async () => {
    const greedy = textOf(await run(request({ temperature: 0, maxTokens: 30 })));
    expect(textOf(await run(request({ temperature: 1.5, topP: 1, topK: 1, seed: 3, maxTokens: 30 })))).toBe(greedy);
    const events = await run({ ...request({ temperature: 1.5, topP: 1, topK: 1, seed: 3, maxTokens: 30 }), options: { logprobs: { top: 1 } } });
    expect(textOf(events)).toBe(greedy);
  });

  it("sends the request's top-k set with each token on the probabilities path", async () => {
    const entries = entriesOf(await run({ ...request({ topK: 12, maxTokens: 10 }), options: { logprobs: { top: 4 } } }));
    for (const entry of entries) expect(entry.tail).toHaveLength(12 - 4);
  });

  it("honours the repetition penalty", async () => {
    const plain = textOf(await run(request({ seed: 5, maxTokens: 120 })));
    expect(textOf(await run(request({ seed: 5, maxTokens: 120, repetitionPenalty: 1 })))).toBe(plain);
    expect(textOf(await run(request({ seed: 5, maxTokens: 120, repetitionPenalty: 2 })))).not.toBe(plain);
  });

  it("is accepted by the local provider with no warnings", async () => {
    const provider = createLocalProvider({ dataDir: dir, threads: 1, contextSize: 1024, parallel: 1, demoTokensPerSecond: 0 });
    expect(provider.info.capabilities).toMatchObject({ stop: true, topK: true, repetitionPenalty: true });
    const events = await collectEvents(provider.stream(request({ stop: ["e"], topK: 20, repetitionPenalty: 1.2 }), { signal: new AbortController().signal }));
    expect(events.some((e) => e.type === "warnings")).toBe(false);
    expect(textOf(events)).not.toContain("e");
  });
});
