import { describe, expect, it } from "vitest";
import type { StreamEvent } from "../chat/events";
import { logprobStream, openAiStream, REPLY_PIECES, REPLY_TEXT, sseData, streamBytes, toolCallStream } from "../testing/openai-wire";
import { createOpenAICompatibleProvider } from "./openai-compatible";
import type { ChatRequest } from "../chat/request";
import { collectReply, itMapsFailures, QUBIT_REQUEST, terminals, textOf, replayServerForFile, type Failure } from "../testing/provider-suite";
import { createModelsLabProvider, MODELSLAB_CAPABILITIES } from "./modelslab";
import type { ChatProvider } from "./types";

const CANARY_KEY = "sk-canary-3f9d0c7e1b2a";

const request: ChatRequest = { ...QUBIT_REQUEST, params: { ...QUBIT_REQUEST.params, seed: 7 } };

const collect = (provider: ChatProvider, signal = new AbortController().signal, req = request): Promise<StreamEvent[]> => collectReply(provider, req, signal);

const lastOf = (events: StreamEvent[]) => events.at(-1)!;

const server = replayServerForFile();

const makers: [string, (timeoutMs?: number) => ChatProvider][] = [
  [
    "modelslab",
    (idleTimeoutMs = 5000) =>
      createModelsLabProvider({ apiKey: CANARY_KEY, model: "mistralai-mixtral-8x7b-instruct", baseUrl: `${server().url}/api/v7/llm`, keyInBody: false, idleTimeoutMs }),
  ],
  [
    "openai-compatible",
    (idleTimeoutMs = 5000) =>
      createOpenAICompatibleProvider({
        info: { kind: "openai-compatible", label: "test", model: "mixtral:8x7b", isDemo: false },
        capabilities: MODELSLAB_CAPABILITIES,
        baseUrl: `${server().url}/v1/`,
        apiKey: CANARY_KEY,
        idleTimeoutMs,
      }),
  ],
];

describe.each(makers)("%s provider against recorded wire bytes", (name, make) => {
  it("streams deltas, usage and one finish, sending the page's parameters", async () => {
    server().queue({ chunks: openAiStream() });
    const events = await collect(make());
    expect(events.filter((e) => e.type === "text-delta").map((e) => (e as { text: string }).text)).toEqual(REPLY_PIECES);
    expect(events.slice(-2)).toEqual([
      { type: "usage", usage: { promptTokens: 31, completionTokens: 12 } },
      { type: "finish", reason: "stop" },
    ]);
    const [sent] = server().requests;
    expect(sent.url).toBe(name === "modelslab" ? "/api/v7/llm/chat/completions" : "/v1/chat/completions");
    expect(sent.headers.authorization).toBe(`Bearer ${CANARY_KEY}`);
    expect(JSON.parse(sent.body)).toEqual({
      model: name === "modelslab" ? "mistralai-mixtral-8x7b-instruct" : "mixtral:8x7b",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "What is a qubit?" },
      ],
      temperature: 0.3,
      max_tokens: 1000,
      top_p: 0.9,
      frequency_penalty: 0,
      presence_penalty: 0,
      seed: 7,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("gives the connection back to the keep-alive pool once a reply is done, for the next reply to reuse", async () => {
    server().queue({ chunks: openAiStream() });
    const provider = make();
    await collect(provider);
    await collect(provider);
    expect(server().requests).toHaveLength(2);
    expect(server().requests[1].clientPort).toBe(server().requests[0].clientPort);
  });

  it("reassembles the reply when the network splits bytes anywhere, even inside UTF-8", async () => {
    const bytes = streamBytes(openAiStream());
    for (const size of [1, 2, 3, 5, 13, 64]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      server().queue({ chunks });
      const events = await collect(make());
      expect(textOf(events), `chunk size ${size}`).toBe(REPLY_TEXT);
      expect(terminals(events)).toEqual([{ type: "finish", reason: "stop" }]);
    }
  });

  it("assembles tool-call fragments per index", async () => {
    server().queue({ chunks: toolCallStream() });
    const events = await collect(make());
    const calls = events.filter((e) => e.type === "tool-call-delta");
    expect(calls[0]).toMatchObject({ index: 0, id: "call_1", name: "get_weather" });
    expect(calls.map((c) => (c as { argumentsDelta: string }).argumentsDelta).join("")).toBe('{"city":"Paris"}');
    expect(lastOf(events)).toEqual({ type: "finish", reason: "tool_calls" });
  });

  it("finishes cleanly without a usage chunk and maps finish_reason length", async () => {
    server().queue({ chunks: openAiStream(["a", "b"], { usage: false, finish: "length" }) });
    const events = await collect(make());
    expect(events.some((e) => e.type === "usage")).toBe(false);
    expect(lastOf(events)).toEqual({ type: "finish", reason: "length" });
  });

  const json = { "Content-Type": "application/json" };
  const failures: Failure[] = [
    ["401 invalid key (OpenAI shape)", { status: 401, headers: json, chunks: ['{"error":{"message":"Invalid API key provided","type":"invalid_request_error","code":"invalid_api_key"}}'] }, { code: "invalid_key" }, /rejected the API key.*Invalid API key provided.*401/],
    ["402 out of credits (ModelsLab shape)", { status: 402, headers: json, chunks: ['{"status":"error","message":"Insufficient credits. Please top up your wallet."}'] }, { code: "out_of_credits" }, /out of credits.*Insufficient credits/],
    ["403 not on plan", { status: 403, headers: json, chunks: ['{"status":"error","message":"Model not available on your plan"}'] }, { code: "forbidden" }, /plan/],
    ["429 with Retry-After header", { status: 429, headers: { ...json, "Retry-After": "12" }, chunks: ['{"status":"error","message":"Rate limit exceeded. Maximum 5 queued requests allowed.","retry_after":30}'] }, { code: "rate_limited", retryAfter: 12 }, /rate limiting.*Maximum 5 queued.*retry in 12 s/],
    ["429 with retry_after only in the body", { status: 429, headers: json, chunks: ['{"status":"error","message":"Rate limit exceeded. Maximum 5 queued requests allowed.","retry_after":30}'] }, { code: "rate_limited", retryAfter: 30 }, /retry in 30 s/],
    ["500 server error", { status: 500, headers: json, chunks: ['{"status":"error","message":"Internal server error"}'] }, { code: "upstream_unavailable" }, /unavailable.*HTTP 500/],
    ["503 HTML page", { status: 503, headers: { "Content-Type": "text/html" }, chunks: ["<html><body>Service Unavailable</body></html>"] }, { code: "upstream_unavailable" }, /unavailable right now: HTTP 503\.$/],
    ["400 bad parameters", { status: 400, headers: json, chunks: ['{"error":{"message":"max_tokens must be >= 1","type":"invalid_request_error"}}'] }, { code: "bad_request" }, /rejected the request: max_tokens must be >= 1/],
    ["200 JSON saying status error (legacy spelling)", { status: 200, headers: json, chunks: ['{"status":"error","messege":"Invalid API key"}'] }, { code: "invalid_key" }, /Invalid API key/],
    ["200 stream whose first event says status error", { chunks: [sseData({ status: "error", message: "Rate limit exceeded", retry_after: 5 })] }, { code: "rate_limited", retryAfter: 5 }, /Rate limit exceeded/],
  ];

  itMapsFailures(failures, server, make, CANARY_KEY);

  it("keeps the partial reply when an error arrives mid-stream", async () => {
    const good = openAiStream().slice(0, 3);
    server().queue({ chunks: [...good, sseData({ error: { message: "Overloaded", type: "server_error" } })] });
    const events = await collect(make());
    expect(textOf(events)).toBe("Quantum computers use");
    expect(terminals(events)).toEqual([expect.objectContaining({ type: "error", code: "upstream_error", message: expect.stringMatching(/Overloaded/) })]);
  });

  it("reports a dropped connection after the partial reply", async () => {
    server().queue({ chunks: openAiStream().slice(0, 3), drop: true });
    const events = await collect(make());
    expect(textOf(events)).toBe("Quantum computers use");
    expect(lastOf(events)).toMatchObject({ type: "error", code: "connection_dropped" });
  });

  it("reports a stream that ends without [DONE] or a finish reason as dropped", async () => {
    server().queue({ chunks: openAiStream().slice(0, 2) });
    expect(lastOf(await collect(make()))).toMatchObject({ type: "error", code: "connection_dropped" });
  });

  it("reports a malformed chunk", async () => {
    server().queue({ chunks: [openAiStream()[1], "data: {not json\n\n"] });
    const events = await collect(make());
    expect(textOf(events)).toBe("Quantum");
    expect(lastOf(events)).toMatchObject({ type: "error", code: "malformed_stream" });
  });

  it("times out when the upstream goes quiet", async () => {
    server().queue({ hang: true });
    expect(lastOf(await collect(make(300)))).toMatchObject({ type: "error", code: "timeout" });
    server().queue({ chunks: [...openAiStream().slice(0, 2), ...openAiStream().slice(2)], delayMs: 150 });
    expect(lastOf(await collect(make(1000)))).toEqual({ type: "finish", reason: "stop" });
  });

  it("does not blame the upstream for a reader slower than the idle timeout: the whole reply, one finish", async () => {
    // More events than the queue holds, so the upstream body is paused while the reader stalls.
    // The end comes later, while the body is paused; the reader stalls past the idle timeout.
    const words = Array.from({ length: 1500 }, (_, i) => ` w${i}`);
    const chunks = openAiStream(words);
    server().queue({ chunks: [chunks.slice(0, -3).join(""), chunks.slice(-3).join("")], delayMs: 200 });
    const iterator = make(300).stream(request, { signal: new AbortController().signal })[Symbol.asyncIterator]();
    const events: StreamEvent[] = [...((await iterator.next()).value ?? [])];
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (let read = await iterator.next(); !read.done; read = await iterator.next()) events.push(...read.value);
    expect(textOf(events)).toBe(words.join(""));
    expect(terminals(events)).toEqual([{ type: "finish", reason: "stop" }]);
  });

  it("stops the upstream request when the client aborts", async () => {
    const many = openAiStream(Array.from({ length: 200 }, (_, i) => ` w${i}`));
    server().queue({ chunks: many, delayMs: 10 });
    const controller = new AbortController();
    const closed = server().clientClosed();
    const events: StreamEvent[] = [];
    for await (const batch of make().stream(request, { signal: controller.signal })) {
      events.push(...batch);
      if (events.length >= 5) controller.abort();
    }
    await closed; // the upstream saw the connection close: no more tokens are paid for
    expect(lastOf(events)).toEqual({ type: "finish", reason: "abort" });
    expect(events.length).toBeLessThan(10);
  });
});

describe("provider options", () => {
  it("reports an unreachable upstream", async () => {
    const provider = createOpenAICompatibleProvider({
      info: { kind: "openai-compatible", label: "x", model: "m", isDemo: false },
      capabilities: MODELSLAB_CAPABILITIES,
      baseUrl: "http://127.0.0.1:9",
      idleTimeoutMs: 2000,
    });
    expect(lastOf(await collect(provider))).toMatchObject({ type: "error", code: "upstream_unreachable" });
  });

  it("puts the key and model id in the body when ModelsLab's body-key form is chosen", async () => {
    server().queue({ chunks: openAiStream() });
    const provider = createModelsLabProvider({ apiKey: CANARY_KEY, model: "mistralai-mixtral-8x7b-instruct", baseUrl: server().url, keyInBody: true, idleTimeoutMs: 2000 });
    await collect(provider);
    expect(JSON.parse(server().requests[0].body)).toMatchObject({ key: CANARY_KEY, model_id: "mistralai-mixtral-8x7b-instruct", model: "mistralai-mixtral-8x7b-instruct" });
  });

  it("renames fields for servers that spell them differently, and omits an empty system message", async () => {
    server().queue({ chunks: openAiStream() });
    const provider = createOpenAICompatibleProvider({
      info: { kind: "openai-compatible", label: "x", model: "open-mixtral-8x7b", isDemo: false },
      capabilities: MODELSLAB_CAPABILITIES,
      baseUrl: server().url,
      renameFields: { seed: "random_seed" },
      idleTimeoutMs: 2000,
    });
    await collect(provider, undefined, { ...request, systemMessage: "  " });
    const body = JSON.parse(server().requests[0].body);
    expect(body.random_seed).toBe(7);
    expect(body.seed).toBeUndefined();
    expect(body.messages).toEqual([{ role: "user", content: "What is a qubit?" }]);
    expect(server().requests[0].headers.authorization).toBeUndefined();
  });
});

describe("stop sequences, top_k and repetition_penalty through the OpenAI-compatible provider", () => {
  const advanced: ChatRequest = { ...request, params: { ...request.params, stop: ["\n\n", "User:"], topK: 30, repetitionPenalty: 1.1 } };

  it("sends them to ModelsLab under their documented names", async () => {
    server().queue({ chunks: openAiStream() });
    const events = await collect(makers[0][1](), undefined, advanced);
    expect(JSON.parse(server().requests[0].body)).toMatchObject({ stop: ["\n\n", "User:"], top_k: 30, repetition_penalty: 1.1 });
    expect(events.some((e) => e.type === "warnings")).toBe(false);
  });

  it("leaves out what an upstream does not take and names each in a warning", async () => {
    server().queue({ chunks: openAiStream() });
    const provider = createOpenAICompatibleProvider({
      info: { kind: "openai-compatible", label: "Mistral", model: "open-mixtral-8x7b", isDemo: false },
      capabilities: { ...MODELSLAB_CAPABILITIES, topK: false, repetitionPenalty: false },
      baseUrl: server().url,
      idleTimeoutMs: 2000,
    });
    const events = await collect(provider, undefined, advanced);
    const body = JSON.parse(server().requests[0].body);
    expect(body.stop).toEqual(["\n\n", "User:"]);
    expect(body).not.toHaveProperty("top_k");
    expect(body).not.toHaveProperty("repetition_penalty");
    expect(events[0]).toEqual({
      type: "warnings",
      warnings: [
        { setting: "Top K", message: "Mistral does not support Top K; it was not sent." },
        { setting: "Repetition Penalty", message: "Mistral does not support Repetition Penalty; it was not sent." },
      ],
    });
  });
});

describe("log-probabilities through the OpenAI-compatible provider", () => {
  const asking: ChatRequest = { ...request, options: { logprobs: { top: 5 } } };

  it("asks a capable upstream with logprobs: true and top_logprobs, and streams the logprobs events it answers", async () => {
    server().queue({ chunks: logprobStream() });
    const provider = createOpenAICompatibleProvider({
      info: { kind: "openai-compatible", label: "vLLM", model: "mixtral", isDemo: false },
      capabilities: { ...MODELSLAB_CAPABILITIES, logprobs: true },
      baseUrl: server().url,
      idleTimeoutMs: 2000,
    });
    const events = await collect(provider, undefined, asking);
    expect(JSON.parse(server().requests[0].body)).toMatchObject({ logprobs: true, top_logprobs: 5 });
    expect(events.filter((e) => e.type === "logprobs").flatMap((e) => (e.type === "logprobs" ? e.tokens.map((t) => t.token) : []))).toEqual(["Qu", "antum", " café"]);
  });

  it("on ModelsLab (no documented log-probabilities) leaves the fields out and says so in a warning", async () => {
    server().queue({ chunks: openAiStream() });
    const events = await collect(makers[0][1](), undefined, asking);
    const body = JSON.parse(server().requests[0].body);
    expect(body.logprobs).toBeUndefined();
    expect(body.top_logprobs).toBeUndefined();
    expect(events[0]).toEqual({ type: "warnings", warnings: [{ setting: "log-probabilities", message: "ModelsLab does not support log-probabilities; it was not sent." }] });
  });
});

describe.each(makers)("%s provider lists models", (name, make) => {
  const listing = JSON.stringify({ object: "list", data: [{ id: "mistralai-mixtral-8x7b-instruct", object: "model" }, { id: "qwen-qwen2.5-14b", object: "model" }] });

  it("reads the upstream's model list with the key as a Bearer header", async () => {
    server().queue({ headers: { "Content-Type": "application/json" }, chunks: [listing] });
    expect(await make().listModels!(AbortSignal.timeout(5000))).toEqual(["mistralai-mixtral-8x7b-instruct", "qwen-qwen2.5-14b"]);
    const [sent] = server().requests;
    expect(sent.method).toBe("GET");
    expect(sent.url).toBe(name === "modelslab" ? "/api/v7/llm/v1/models" : "/v1/models");
    expect(sent.headers.authorization).toBe(`Bearer ${CANARY_KEY}`);
  });

  it("fails with a readable message, never the key", async () => {
    server().queue({ status: 401, headers: { "Content-Type": "application/json" }, chunks: ['{"status":"error","message":"Invalid API key"}'] });
    const failure = make().listModels!(AbortSignal.timeout(5000));
    await expect(failure).rejects.toThrow(/Invalid API key.*401/);
    await expect(failure).rejects.not.toThrow(CANARY_KEY);
    server().queue({ headers: { "Content-Type": "application/json" }, chunks: ["<html>not json</html>"] });
    await expect(make().listModels!(AbortSignal.timeout(5000))).rejects.toThrow(/no data array/);
  });
});
