import { describe, expect, it } from "vitest";
import type { StreamEvent } from "../../chat/events";
import { asBatches } from "../../testing/collect-events";
import { completionFromBatches, createOpenAiChunkEncoder } from "./encode";

const chunksOf = (sse: string) => sse.split("\n\n").filter(Boolean).map((l) => l.slice("data: ".length)).map((d) => (d === "[DONE]" ? d : JSON.parse(d)));

describe("OpenAI chunk encoder", () => {
  it("writes a batch as OpenAI chunks in one string, with OpenAI's field set", () => {
    const encode = createOpenAiChunkEncoder("mixtral", true);
    const chunks = chunksOf(
      encode([
        { type: "text-delta", text: "Hi" },
        { type: "usage", usage: { promptTokens: 3, completionTokens: 1 } },
        { type: "finish", reason: "stop" },
      ]),
    );
    expect(chunks[0]).toMatchObject({ object: "chat.completion.chunk", model: "mixtral", system_fingerprint: null, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] });
    expect(chunks[1].choices[0].delta).toEqual({ content: "Hi" });
    expect(chunks[2].choices[0]).toMatchObject({ delta: {}, finish_reason: "stop" });
    expect(chunks[3]).toMatchObject({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } });
    expect(chunks[4]).toBe("[DONE]");
    expect(new Set(chunks.slice(0, 4).map((c) => c.id)).size).toBe(1);
  });

  it("carries tool-call deltas instead of dropping them", () => {
    const encode = createOpenAiChunkEncoder("m", false);
    const chunks = chunksOf(
      encode([
        { type: "tool-call-delta", index: 0, id: "call_1", name: "get_weather", argumentsDelta: "" },
        { type: "tool-call-delta", index: 0, argumentsDelta: '{"city":"Paris"}' },
        { type: "finish", reason: "tool_calls" },
      ]),
    );
    expect(chunks[1].choices[0].delta).toEqual({ tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "get_weather", arguments: "" } }] });
    expect(chunks[2].choices[0].delta).toEqual({ tool_calls: [{ index: 0, function: { arguments: '{"city":"Paris"}' } }] });
    expect(chunks[3].choices[0].finish_reason).toBe("tool_calls");
  });
});

describe("non-streamed completion", () => {
  const complete = (events: StreamEvent[]) => completionFromBatches(asBatches(events), "m");

  it("answers each error class with its own status: an upstream 400 is a 400, not a 502", async () => {
    const statusOf = async (code: Extract<StreamEvent, { type: "error" }>["code"]) => (await complete([{ type: "error", code, message: "x" }])).status;
    expect(await statusOf("bad_request")).toBe(400);
    expect(await statusOf("context_length_exceeded")).toBe(400);
    expect(await statusOf("rate_limited")).toBe(429);
    expect(await statusOf("upstream_unavailable")).toBe(503);
    expect(await statusOf("connection_dropped")).toBe(502);
  });

  it("sends Retry-After with a 429", async () => {
    const response = await complete([{ type: "error", code: "rate_limited", message: "slow", retryAfter: 30 }]);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(await response.json()).toEqual({ error: { message: "slow", type: "rate_limit_error", param: null, code: "rate_limited" } });
  });

  it("assembles tool calls into the message", async () => {
    const response = await complete([
      { type: "tool-call-delta", index: 0, id: "c1", name: "f", argumentsDelta: '{"a"' },
      { type: "tool-call-delta", index: 0, argumentsDelta: ":1}" },
      { type: "finish", reason: "tool_calls" },
    ]);
    const body = await response.json();
    expect(body.choices[0]).toMatchObject({ message: { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: '{"a":1}' } }] }, finish_reason: "tool_calls" });
    expect(body.system_fingerprint).toBeNull();
  });
});
