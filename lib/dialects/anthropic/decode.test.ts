import { describe, expect, it } from "vitest";
import type { StreamEvent } from "../../chat/events";
import { anthropicErrorMidStream, anthropicEvent, anthropicMessageJson, anthropicTextStream, anthropicToolStream, TEXT_PIECES, TOOL_CALLS, TOOL_TEXT } from "../../testing/anthropic-wire";
import { anthropicFinishReason, createAnthropicStreamDecoder, decodeAnthropicJson } from "./decode";

/** Feeds byte chunks the way the provider does: a streaming TextDecoder, then push; end() once the bytes run out. */
function decodeChunks(chunks: readonly Uint8Array[]): StreamEvent[] {
  const decoder = createAnthropicStreamDecoder();
  const text = new TextDecoder();
  const events: StreamEvent[] = [];
  for (const chunk of chunks) {
    if (decoder.done) break;
    events.push(...decoder.push(text.decode(chunk, { stream: true })));
  }
  events.push(...decoder.end());
  return events;
}

const decodeAll = (wire: readonly string[]) => decodeChunks([Buffer.from(wire.join(""), "utf8")]);

/** What a consumer assembles: the text, each call's id, name and arguments by index, usage and the end. */
function assemble(events: StreamEvent[]) {
  const calls: { id?: string; name?: string; arguments: string }[] = [];
  let text = "";
  for (const e of events) {
    if (e.type === "text-delta") text += e.text;
    if (e.type === "tool-call-delta") {
      const call = (calls[e.index] ??= { arguments: "" });
      if (e.id) call.id = e.id;
      if (e.name) call.name = e.name;
      call.arguments += e.argumentsDelta;
    }
  }
  return { text, calls, usage: events.filter((e) => e.type === "usage"), terminals: events.filter((e) => e.type === "finish" || e.type === "error") };
}

describe("Anthropic stream decoder on the hand-written wire fixture", () => {
  it("turns text blocks, two parallel tool_use blocks with input_json_delta, usage and the stop reason into our events", () => {
    expect(decodeAll(anthropicToolStream())).toEqual([
      { type: "text-delta", text: "Je regarde la météo ☀️" },
      { type: "text-delta", text: " à Zürich et l'heure." },
      // index is the call's ordinal (0, 1), not the content block index (1, 2)
      { type: "tool-call-delta", index: 0, id: TOOL_CALLS[0].id, name: "get_weather", argumentsDelta: "" },
      { type: "tool-call-delta", index: 0, argumentsDelta: '{"city": "Zü' },
      { type: "tool-call-delta", index: 0, argumentsDelta: 'rich", "unit"' },
      { type: "tool-call-delta", index: 0, argumentsDelta: ': "celsius"}' },
      { type: "tool-call-delta", index: 1, id: TOOL_CALLS[1].id, name: "get_time", argumentsDelta: "" },
      { type: "tool-call-delta", index: 1, argumentsDelta: '{"timezone":' },
      { type: "tool-call-delta", index: 1, argumentsDelta: ' "Europe/Zürich"}' },
      { type: "usage", usage: { promptTokens: 412, completionTokens: 89 } },
      { type: "finish", reason: "tool_calls" },
    ]);
  });

  it("produces the same events and assembled calls when the bytes are split at every offset (inside UTF-8 too), or one byte at a time", () => {
    const bytes = Buffer.from(anthropicToolStream().join(""), "utf8");
    const whole = decodeChunks([bytes]);
    const assembled = assemble(whole);
    expect(assembled.text).toBe(TOOL_TEXT);
    expect(assembled.calls).toEqual(TOOL_CALLS);
    expect(assembled.calls.map((c) => JSON.parse(c.arguments))).toEqual([{ city: "Zürich", unit: "celsius" }, { timezone: "Europe/Zürich" }]);
    for (let offset = 1; offset < bytes.length; offset++) {
      const events = decodeChunks([bytes.subarray(0, offset), bytes.subarray(offset)]);
      if (JSON.stringify(events) !== JSON.stringify(whole)) expect(events, `split at byte ${offset}`).toEqual(whole);
    }
    const oneByOne = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    expect(decodeChunks(oneByOne)).toEqual(whole);
  });

  it("keeps the text before an error event mid-stream and ends with that one error (overloaded → upstream_unavailable)", () => {
    const events = decodeAll(anthropicErrorMidStream());
    expect(assemble(events).text).toBe("Quantum computers use");
    expect(assemble(events).terminals).toEqual([
      { type: "error", code: "upstream_unavailable", message: "The upstream service is unavailable right now: Overloaded (overloaded_error)." },
    ]);
  });

  it("maps each documented error type of an error event to our code", () => {
    const cases: [string, string][] = [
      ["overloaded_error", "upstream_unavailable"],
      ["api_error", "upstream_unavailable"],
      ["rate_limit_error", "rate_limited"],
      ["authentication_error", "invalid_key"],
      ["permission_error", "forbidden"],
      ["invalid_request_error", "bad_request"],
      ["timeout_error", "timeout"],
      ["something_new_error", "upstream_error"],
    ];
    for (const [type, code] of cases) {
      const wire = [...anthropicTextStream().slice(0, 4), `event: error\ndata: ${JSON.stringify({ type: "error", error: { type, message: "why" } })}\n\n`];
      expect(decodeAll(wire).at(-1), type).toMatchObject({ type: "error", code });
    }
  });

  it("ignores ping, thinking deltas and event types it does not know", () => {
    const wire = anthropicTextStream();
    wire.splice(2, 0, anthropicEvent("content_block_delta", { index: 0, delta: { type: "thinking_delta", thinking: "hmm" } }), anthropicEvent("future_event", { x: 1 }), anthropicEvent("ping"));
    const events = decodeAll(wire);
    expect(assemble(events).text).toBe(TEXT_PIECES.join(""));
    expect(events.slice(-2)).toEqual([
      { type: "usage", usage: { promptTokens: 31, completionTokens: 12 } },
      { type: "finish", reason: "stop" },
    ]);
  });

  it("counts cached input in the prompt tokens and takes input_tokens repeated in message_delta", () => {
    const wire = [
      anthropicEvent("message_start", { message: { usage: { input_tokens: 10, cache_creation_input_tokens: 5, cache_read_input_tokens: 100, output_tokens: 1 } } }),
      anthropicEvent("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
      anthropicEvent("content_block_delta", { index: 0, delta: { type: "text_delta", text: "ok" } }),
      anthropicEvent("content_block_stop", { index: 0 }),
      anthropicEvent("message_delta", { delta: { stop_reason: "end_turn" }, usage: { output_tokens: 3 } }),
      anthropicEvent("message_stop"),
    ];
    expect(decodeAll(wire).filter((e) => e.type === "usage")).toEqual([{ type: "usage", usage: { promptTokens: 115, completionTokens: 3 } }]);
    wire[4] = anthropicEvent("message_delta", { delta: { stop_reason: "end_turn" }, usage: { input_tokens: 12, output_tokens: 3 } });
    expect(decodeAll(wire).filter((e) => e.type === "usage")).toEqual([{ type: "usage", usage: { promptTokens: 12, completionTokens: 3 } }]);
  });

  it("sends {} as the arguments of a tool_use block that had no input pieces, and a start block's whole input as is", () => {
    const wire = [
      anthropicEvent("message_start", { message: { usage: { input_tokens: 3 } } }),
      anthropicEvent("content_block_start", { index: 0, content_block: { type: "tool_use", id: "t1", name: "now", input: {} } }),
      anthropicEvent("content_block_stop", { index: 0 }),
      anthropicEvent("content_block_start", { index: 1, content_block: { type: "tool_use", id: "t2", name: "get_weather", input: { city: "Oslo" } } }),
      anthropicEvent("content_block_stop", { index: 1 }),
      anthropicEvent("message_delta", { delta: { stop_reason: "tool_use" }, usage: { output_tokens: 4 } }),
      anthropicEvent("message_stop"),
    ];
    expect(assemble(decodeAll(wire)).calls).toEqual([
      { id: "t1", name: "now", arguments: "{}" },
      { id: "t2", name: "get_weather", arguments: '{"city":"Oslo"}' },
    ]);
  });

  it("finishes a stream that closes after the stop reason without message_stop; without a stop reason it dropped", () => {
    const wire = anthropicTextStream();
    expect(decodeAll(wire.slice(0, -1)).slice(-2)).toEqual([
      { type: "usage", usage: { promptTokens: 31, completionTokens: 12 } },
      { type: "finish", reason: "stop" },
    ]);
    expect(decodeAll(wire.slice(0, 5)).at(-1)).toMatchObject({ type: "error", code: "connection_dropped" });
  });

  it("reports an unreadable event as a malformed stream after the text before it", () => {
    const events = decodeAll([...anthropicTextStream().slice(0, 4), "event: content_block_delta\ndata: {nope\n\n"]);
    expect(assemble(events).text).toBe("Quantum");
    expect(events.at(-1)).toMatchObject({ type: "error", code: "malformed_stream" });
  });

  it("reads a gateway's error object as the first event, also without an event: line", () => {
    expect(decodeAll(['data: {"status":"error","message":"Rate limit exceeded","retry_after":5}\n\n'])).toEqual([
      { type: "error", code: "rate_limited", message: "The upstream is rate limiting requests: Rate limit exceeded (retry in 5 s).", retryAfter: 5 },
    ]);
  });

  it("ignores anything after the terminal event", () => {
    const decoder = createAnthropicStreamDecoder();
    const first = decoder.push(anthropicTextStream().join(""));
    expect(first.at(-1)).toEqual({ type: "finish", reason: "stop" });
    expect(decoder.push(anthropicTextStream().join(""))).toEqual([]);
    expect(decoder.end()).toEqual([]);
  });
});

describe("stop reasons", () => {
  it.each([
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["max_tokens", "length"],
    ["tool_use", "tool_calls"],
    ["pause_turn", "other"],
    ["refusal", "other"],
    [null, "other"],
  ] as const)("%s → %s", (said, ours) => {
    expect(anthropicFinishReason(said)).toBe(ours);
  });

  it("a streamed max_tokens ends the reply with finish reason length", () => {
    expect(decodeAll(anthropicTextStream(["a"], "max_tokens")).at(-1)).toEqual({ type: "finish", reason: "length" });
  });
});

describe("whole JSON bodies", () => {
  it("decodes a non-streamed message with text and a tool_use block", () => {
    expect(decodeAnthropicJson(JSON.stringify(anthropicMessageJson))).toEqual([
      { type: "text-delta", text: "Checking." },
      { type: "tool-call-delta", index: 0, id: "toolu_9", name: "get_weather", argumentsDelta: '{"city":"Paris"}' },
      { type: "usage", usage: { promptTokens: 20, completionTokens: 9 } },
      { type: "finish", reason: "tool_calls" },
    ]);
  });

  it("reads an error object sent with status 200", () => {
    expect(decodeAnthropicJson(JSON.stringify({ type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } }))).toEqual([
      { type: "error", code: "invalid_key", message: "The upstream rejected the API key; check the key configured on the server: invalid x-api-key (authentication_error)." },
    ]);
    expect(decodeAnthropicJson("<html>")).toEqual([expect.objectContaining({ code: "malformed_stream" })]);
  });
});
