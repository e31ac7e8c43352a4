import { describe, expect, it } from "vitest";
import type { EventBatch, StreamEvent } from "../../chat/events";
import { createAnthropicStreamDecoder, decodeAnthropicJson } from "./decode";
import { anthropicMessageFromBatches, anthropicMessageFromEvents, anthropicStopReason, createAnthropicEventEncoder } from "./encode";
import { anthropicErrorEventResponse, anthropicErrorType } from "./errors";

const MODEL = "mixtral-test";

/** What the encoder writes for these batches, as (type, data) pairs. */
function wire(batches: EventBatch[], inputTokens = 20) {
  const encode = createAnthropicEventEncoder(MODEL, { inputTokens, id: "msg_test" });
  return batches.map(encode).join("");
}
const parsed = (text: string) =>
  text
    .trim()
    .split("\n\n")
    .map((chunk) => {
      const [eventLine, dataLine] = chunk.split("\n");
      const data = JSON.parse(dataLine.replace(/^data: /, ""));
      expect(eventLine).toBe(`event: ${data.type}`);
      return data as { type: string; index?: number; [key: string]: unknown };
    });

const decode = (text: string, pieceSize = 7) => {
  const decoder = createAnthropicStreamDecoder();
  const out: StreamEvent[] = [];
  for (let i = 0; i < text.length; i += pieceSize) out.push(...decoder.push(text.slice(i, i + pieceSize)));
  out.push(...decoder.end());
  return out;
};

const TOOL_REPLY: EventBatch[] = [
  [{ type: "text-delta", text: "Je regarde la météo ☀️" }],
  [{ type: "text-delta", text: " à Zürich." }, { type: "tool-call-delta", index: 0, id: "toolu_a", name: "get_weather", argumentsDelta: "" }],
  [{ type: "tool-call-delta", index: 0, argumentsDelta: '{"city": "Zü' }, { type: "tool-call-delta", index: 0, argumentsDelta: 'rich"}' }],
  [{ type: "tool-call-delta", index: 1, id: "toolu_b", name: "get_time", argumentsDelta: '{"timezone": "Europe/Zürich"}' }],
  [{ type: "usage", usage: { promptTokens: 31, completionTokens: 12 } }, { type: "finish", reason: "tool_calls" }],
];

describe("createAnthropicEventEncoder", () => {
  it("writes Anthropic's full sequence: message_start, ping, a block per text run and per call, message_delta, message_stop", () => {
    const events = parsed(wire(TOOL_REPLY));
    expect(events.map((e) => `${e.type}${e.index !== undefined ? `:${e.index}` : ""}`)).toEqual([
      "message_start",
      "ping",
      "content_block_start:0",
      "content_block_delta:0",
      "content_block_delta:0",
      "content_block_stop:0",
      "content_block_start:1",
      "content_block_delta:1",
      "content_block_delta:1",
      "content_block_stop:1",
      "content_block_start:2",
      "content_block_delta:2",
      "content_block_stop:2",
      "message_delta",
      "message_stop",
    ]);
    expect(events[0]).toEqual({
      type: "message_start",
      message: { id: "msg_test", type: "message", role: "assistant", model: MODEL, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 20, output_tokens: 0 } },
    });
    expect(events[2]).toEqual({ type: "content_block_start", index: 0, content_block: { type: "text", text: "" } });
    expect(events[6]).toEqual({ type: "content_block_start", index: 1, content_block: { type: "tool_use", id: "toolu_a", name: "get_weather", input: {} } });
    expect(events[7]).toEqual({ type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '{"city": "Zü' } });
    expect(events[13]).toEqual({ type: "message_delta", delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { input_tokens: 31, output_tokens: 12 } });
  });

  it("round-trips through the Anthropic decoder (split at any size) to the same events", () => {
    const text = wire(TOOL_REPLY);
    for (const size of [1, 5, 64, text.length]) {
      expect(decode(text, size)).toEqual([
        { type: "text-delta", text: "Je regarde la météo ☀️" },
        { type: "text-delta", text: " à Zürich." },
        { type: "tool-call-delta", index: 0, id: "toolu_a", name: "get_weather", argumentsDelta: "" },
        { type: "tool-call-delta", index: 0, argumentsDelta: '{"city": "Zü' },
        { type: "tool-call-delta", index: 0, argumentsDelta: 'rich"}' },
        { type: "tool-call-delta", index: 1, id: "toolu_b", name: "get_time", argumentsDelta: "" },
        { type: "tool-call-delta", index: 1, argumentsDelta: '{"timezone": "Europe/Zürich"}' },
        { type: "usage", usage: { promptTokens: 31, completionTokens: 12 } },
        { type: "finish", reason: "tool_calls" },
      ]);
    }
  });

  it("maps finish reasons: length → max_tokens, stop → end_turn, stop with calls → tool_use", () => {
    expect(anthropicStopReason("length", false)).toBe("max_tokens");
    expect(anthropicStopReason("stop", false)).toBe("end_turn");
    expect(anthropicStopReason("stop", true)).toBe("tool_use");
    expect(anthropicStopReason("abort", false)).toBe("end_turn");
    const text = wire([[{ type: "text-delta", text: "Hi" }], [{ type: "finish", reason: "length" }]]);
    expect(decode(text)).toEqual([{ type: "text-delta", text: "Hi" }, { type: "usage", usage: { promptTokens: 20, completionTokens: 0 } }, { type: "finish", reason: "length" }]);
  });

  it("says stop_sequence, with the sequence, when the finish names the stop sequence that ended the reply; the decoder reads it back", () => {
    expect(anthropicStopReason("stop", false, "\n\nHuman:")).toBe("stop_sequence");
    const text = wire([[{ type: "text-delta", text: "Hi" }], [{ type: "finish", reason: "stop", stopSequence: "END" }]]);
    expect(parsed(text).find((e) => e.type === "message_delta")).toMatchObject({ delta: { stop_reason: "stop_sequence", stop_sequence: "END" } });
    expect(decode(text).at(-1)).toEqual({ type: "finish", reason: "stop", stopSequence: "END" });
    const message = anthropicMessageFromEvents([{ type: "text-delta", text: "Hi" }, { type: "finish", reason: "stop", stopSequence: "END" }], MODEL);
    expect(message).toMatchObject({ stop_reason: "stop_sequence", stop_sequence: "END" });
    expect(decodeAnthropicJson(JSON.stringify(message)).at(-1)).toEqual({ type: "finish", reason: "stop", stopSequence: "END" });
  });

  it("ends a stream that fails midway with an error event in Anthropic's shape, and writes nothing after it", () => {
    const encode = createAnthropicEventEncoder(MODEL);
    const text = encode([{ type: "text-delta", text: "Half" }]) + encode([{ type: "error", code: "upstream_unavailable", message: "Overloaded" }]) + encode([{ type: "finish", reason: "stop" }]);
    const events = parsed(text);
    expect(events.at(-1)).toEqual({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } });
    expect(events.filter((e) => e.type === "message_stop")).toEqual([]);
    expect(decode(text).at(-1)).toMatchObject({ type: "error", code: "upstream_unavailable" });
  });
});

describe("anthropicMessageFromEvents", () => {
  it("builds the message JSON with text and tool_use blocks (input parsed), which the decoder reads back", () => {
    const message = anthropicMessageFromEvents(TOOL_REPLY.flat(), MODEL, { id: "msg_x" });
    expect(message).toEqual({
      id: "msg_x",
      type: "message",
      role: "assistant",
      model: MODEL,
      content: [
        { type: "text", text: "Je regarde la météo ☀️ à Zürich." },
        { type: "tool_use", id: "toolu_a", name: "get_weather", input: { city: "Zürich" } },
        { type: "tool_use", id: "toolu_b", name: "get_time", input: { timezone: "Europe/Zürich" } },
      ],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: { input_tokens: 31, output_tokens: 12 },
    });
    expect(decodeAnthropicJson(JSON.stringify(message))).toEqual([
      { type: "text-delta", text: "Je regarde la météo ☀️ à Zürich." },
      { type: "tool-call-delta", index: 0, id: "toolu_a", name: "get_weather", argumentsDelta: '{"city":"Zürich"}' },
      { type: "tool-call-delta", index: 1, id: "toolu_b", name: "get_time", argumentsDelta: '{"timezone":"Europe/Zürich"}' },
      { type: "usage", usage: { promptTokens: 31, completionTokens: 12 } },
      { type: "finish", reason: "tool_calls" },
    ]);
  });

  it("answers a failed reply with the error's status and Anthropic's error body", async () => {
    async function* failing() {
      yield [{ type: "text-delta", text: "x" }] as EventBatch;
      yield [{ type: "error", code: "rate_limited", message: "Slow down", retryAfter: 7 }] as EventBatch;
    }
    const response = await anthropicMessageFromBatches(failing(), MODEL);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(await response.json()).toEqual({ type: "error", error: { type: "rate_limit_error", message: "Slow down" } });
  });
});

describe("Anthropic error types", () => {
  it("names each status as Anthropic does", () => {
    expect([400, 401, 403, 404, 413, 415, 429, 500, 529].map(anthropicErrorType)).toEqual([
      "invalid_request_error",
      "authentication_error",
      "permission_error",
      "not_found_error",
      "request_too_large",
      "invalid_request_error",
      "rate_limit_error",
      "api_error",
      "overloaded_error",
    ]);
    expect(anthropicErrorEventResponse({ type: "error", code: "engine_error", message: "boom" }).status).toBe(500);
  });
});
