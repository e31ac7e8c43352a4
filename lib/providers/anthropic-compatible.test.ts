import { describe, expect, it } from "vitest";
import { anthropicErrorMidStream, anthropicTextStream, anthropicToolStream, TEXT_PIECES, TOOL_CALLS } from "../testing/anthropic-wire";
import { collectReply, itMapsFailures, QUBIT_REQUEST, terminals, textOf, replayServerForFile, type Failure } from "../testing/provider-suite";
import { ANTHROPIC_CAPABILITIES, createAnthropicCompatibleProvider } from "./anthropic-compatible";
import { createModelsLabProvider } from "./modelslab";
import type { ChatProvider } from "./types";

const CANARY_KEY = "sk-ant-canary-8e41c2d9f0";

const request = QUBIT_REQUEST;

const server = replayServerForFile();

const makers: [string, (idleTimeoutMs?: number) => ChatProvider, string][] = [
  [
    "Anthropic-compatible (ANTHROPIC_BASE_URL)",
    (idleTimeoutMs = 5000) =>
      createAnthropicCompatibleProvider({
        info: { kind: "anthropic-compatible", label: "Anthropic-compatible server", model: "mistralai-mixtral-8x7b-instruct", isDemo: false },
        capabilities: ANTHROPIC_CAPABILITIES,
        // A trailing /v1 is tolerated: the path is always <root>/v1/messages.
        baseUrl: `${server().url}/v1/`,
        apiKey: CANARY_KEY,
        idleTimeoutMs,
      }),
    "/v1/messages",
  ],
  [
    "ModelsLab with MODELSLAB_DIALECT=anthropic",
    (idleTimeoutMs = 5000) =>
      createModelsLabProvider({ apiKey: CANARY_KEY, model: "mistralai-mixtral-8x7b-instruct", baseUrl: `${server().url}/api/v7/llm`, keyInBody: false, dialect: "anthropic", idleTimeoutMs }),
    "/api/v7/llm/v1/messages",
  ],
];

describe.each(makers)("%s over the replay server", (_name, make, path) => {
  const collect = collectReply;

  it("streams a reply, sending x-api-key, anthropic-version and the Messages body to <base>/v1/messages", async () => {
    server().queue({ chunks: anthropicTextStream() });
    const events = await collect(make());
    expect(events.filter((e) => e.type === "text-delta").map((e) => (e as { text: string }).text)).toEqual(TEXT_PIECES);
    expect(events.slice(-2)).toEqual([
      { type: "usage", usage: { promptTokens: 31, completionTokens: 12 } },
      { type: "finish", reason: "stop" },
    ]);
    const [sent] = server().requests;
    expect(sent.method).toBe("POST");
    expect(sent.url).toBe(path);
    expect(sent.headers["x-api-key"]).toBe(CANARY_KEY);
    expect(sent.headers["anthropic-version"]).toBe("2023-06-01");
    expect(sent.headers.authorization).toBeUndefined();
    expect(JSON.parse(sent.body)).toEqual({
      model: "mistralai-mixtral-8x7b-instruct",
      system: "Be brief.",
      messages: [{ role: "user", content: "What is a qubit?" }],
      temperature: 0.3,
      max_tokens: 1000,
      top_p: 0.9,
      stream: true,
    });
  });

  it("reassembles text and both tool calls when the network splits the bytes anywhere", async () => {
    const bytes = Buffer.from(anthropicToolStream().join(""), "utf8");
    for (const size of [1, 3, 7, 64]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      server().queue({ chunks });
      const events = await collect(make());
      const calls: { id?: string; name?: string; arguments: string }[] = [];
      for (const e of events) {
        if (e.type !== "tool-call-delta") continue;
        const call = (calls[e.index] ??= { arguments: "" });
        if (e.id) call.id = e.id;
        if (e.name) call.name = e.name;
        call.arguments += e.argumentsDelta;
      }
      expect(calls, `chunk size ${size}`).toEqual(TOOL_CALLS);
      expect(terminals(events)).toEqual([{ type: "finish", reason: "tool_calls" }]);
    }
  });

  it("opens with a warnings event when temperature is clamped and a seed is set", async () => {
    server().queue({ chunks: anthropicTextStream() });
    const events = await collect(make(), { ...request, params: { ...request.params, temperature: 1.5, seed: 7 } });
    expect(events[0]).toEqual({
      type: "warnings",
      warnings: [
        { setting: "Seed", message: expect.stringContaining("does not support Seed") },
        { setting: "Temperature", message: "The Messages API accepts Temperature from 0 to 1; 1.5 was sent as 1." },
      ],
    });
    const body = JSON.parse(server().requests[0].body);
    expect(body.temperature).toBe(1);
    expect(body).not.toHaveProperty("seed");
  });

  const json = { "Content-Type": "application/json" };
  const error = (type: string, message: string) => JSON.stringify({ type: "error", error: { type, message } });
  const failures: Failure[] = [
    ["400 invalid request", { status: 400, headers: json, chunks: [error("invalid_request_error", "max_tokens: Field required")] }, { code: "bad_request" }, /rejected the request: max_tokens: Field required \(HTTP 400\)/],
    ["400 prompt too long", { status: 400, headers: json, chunks: [error("invalid_request_error", "prompt is too long: 40000 tokens > 32768 maximum")] }, { code: "context_length_exceeded" }, /context window: prompt is too long/],
    ["401 that echoes the key", { status: 401, headers: json, chunks: [error("authentication_error", `invalid x-api-key ${CANARY_KEY}`)] }, { code: "invalid_key" }, /rejected the API key.*invalid x-api-key \[redacted\] \(HTTP 401\)/],
    ["403 permission", { status: 403, headers: json, chunks: [error("permission_error", "Your API key does not have permission to use the specified resource.")] }, { code: "forbidden" }, /plan.*permission/],
    ["404 unknown model", { status: 404, headers: json, chunks: [error("not_found_error", "model: mixtral-9x")] }, { code: "bad_request" }, /rejected the request: model: mixtral-9x \(HTTP 404\)/],
    ["404 without a body", { status: 404, headers: json, chunks: [] }, { code: "bad_request" }, /not found \(check the model id and the base URL\) \(HTTP 404\)/],
    ["413 too large", { status: 413, headers: json, chunks: [error("request_too_large", "Request exceeds the maximum allowed number of bytes.")] }, { code: "bad_request" }, /maximum allowed number of bytes \(HTTP 413\)/],
    ["429 with retry-after", { status: 429, headers: { ...json, "retry-after": "17" }, chunks: [error("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit")] }, { code: "rate_limited", retryAfter: 17 }, /rate limiting.*per-minute rate limit.*retry in 17 s/],
    ["429 in ModelsLab's own shape", { status: 429, headers: json, chunks: ['{"status":"error","message":"Rate limit exceeded. Maximum 5 queued requests allowed.","retry_after":30}'] }, { code: "rate_limited", retryAfter: 30 }, /Maximum 5 queued.*retry in 30 s/],
    ["500 api_error", { status: 500, headers: json, chunks: [error("api_error", "Internal server error")] }, { code: "upstream_unavailable" }, /unavailable right now: Internal server error \(HTTP 500\)/],
    ["529 overloaded", { status: 529, headers: json, chunks: [error("overloaded_error", "Overloaded")] }, { code: "upstream_unavailable" }, /unavailable right now: Overloaded \(HTTP 529\)/],
    ["200 whose body is an error object", { status: 200, headers: json, chunks: [error("overloaded_error", "Overloaded")] }, { code: "upstream_unavailable" }, /Overloaded/],
  ];

  itMapsFailures(failures, server, make, CANARY_KEY);

  it("keeps the partial text when an error event arrives mid-stream", async () => {
    server().queue({ chunks: anthropicErrorMidStream() });
    const events = await collect(make());
    expect(textOf(events)).toBe("Quantum computers use");
    expect(terminals(events)).toEqual([expect.objectContaining({ type: "error", code: "upstream_unavailable", message: expect.stringMatching(/Overloaded/) })]);
  });

  it("redacts the key from an error event mid-stream", async () => {
    server().queue({ chunks: [...anthropicTextStream().slice(0, 4), `event: error\ndata: ${error("api_error", `upstream said ${CANARY_KEY}`)}\n\n`] });
    const events = await collect(make());
    expect(JSON.stringify(events)).not.toContain(CANARY_KEY);
    expect(events.at(-1)).toMatchObject({ type: "error", message: expect.stringContaining("[redacted]") });
  });

  it("reports a dropped connection after the partial reply", async () => {
    server().queue({ chunks: anthropicTextStream().slice(0, 5), drop: true });
    const events = await collect(make());
    expect(textOf(events)).toBe("Quantum computers use");
    expect(events.at(-1)).toMatchObject({ type: "error", code: "connection_dropped" });
    expect(terminals(events)).toHaveLength(1);
  });

  it("times out when the upstream goes quiet", async () => {
    server().queue({ hang: true });
    expect((await collect(make(300))).at(-1)).toMatchObject({ type: "error", code: "timeout" });
  });

  it("lists the models at <base>/v1/models with the same headers", async () => {
    server().queue({ headers: json, chunks: [JSON.stringify({ data: [{ id: "mistralai-mixtral-8x7b-instruct", type: "model" }], has_more: false })] });
    expect(await make().listModels!(AbortSignal.timeout(5000))).toEqual(["mistralai-mixtral-8x7b-instruct"]);
    expect(server().requests[0]).toMatchObject({ method: "GET", url: path.replace("/messages", "/models") });
    expect(server().requests[0].headers["x-api-key"]).toBe(CANARY_KEY);
  });
});

describe("token counting through /v1/messages/count_tokens", () => {
  const provider = (model: string) =>
    createAnthropicCompatibleProvider({
      info: { kind: "anthropic-compatible", label: "x", model, isDemo: false },
      capabilities: ANTHROPIC_CAPABILITIES,
      baseUrl: server().url,
      apiKey: CANARY_KEY,
      idleTimeoutMs: 2000,
      upstreamTokenCount: true,
    });

  it("posts {model, system, messages} in the Messages form and returns input_tokens", async () => {
    server().queue({ headers: { "Content-Type": "application/json" }, chunks: ['{"input_tokens":27}'] });
    const tokens = await provider("claude-like").countPromptTokens!("Be brief.", [{ role: "user", content: "Hi" }], AbortSignal.timeout(5000));
    expect(tokens).toBe(27);
    const [sent] = server().requests;
    expect(sent.url).toBe("/v1/messages/count_tokens");
    expect(sent.headers["x-api-key"]).toBe(CANARY_KEY);
    expect(JSON.parse(sent.body)).toEqual({ model: "claude-like", system: "Be brief.", messages: [{ role: "user", content: "Hi" }] });
  });

  it("throws a readable, redacted error when the upstream refuses", async () => {
    server().queue({ status: 401, headers: { "Content-Type": "application/json" }, chunks: [JSON.stringify({ type: "error", error: { type: "authentication_error", message: `bad key ${CANARY_KEY}` } })] });
    const failure = provider("claude-like").countPromptTokens!("", [{ role: "user", content: "Hi" }], AbortSignal.timeout(5000));
    await expect(failure).rejects.toThrow(/rejected the API key.*\[redacted\]/);
  });

  it("is offered only where it beats the local tokenizer: not for Mixtral, nor on ModelsLab's Mixtral", () => {
    const modelsLab = (model: string) => createModelsLabProvider({ apiKey: CANARY_KEY, model, baseUrl: server().url, keyInBody: false, dialect: "anthropic", idleTimeoutMs: 2000 });
    expect(modelsLab("mistralai-mixtral-8x7b-instruct").countPromptTokens).toBeUndefined();
    expect(modelsLab("qwen-qwen2.5-14b").countPromptTokens).toBeTypeOf("function");
    expect(createModelsLabProvider({ apiKey: CANARY_KEY, model: "qwen-qwen2.5-14b", baseUrl: server().url, keyInBody: false, idleTimeoutMs: 2000 }).countPromptTokens).toBeUndefined();
  });
});
