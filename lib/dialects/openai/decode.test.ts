/** The OpenAI stream decoder on wire fixtures (hand-written from the documented format), without HTTP. */
import { describe, expect, it } from "vitest";
import type { StreamEvent } from "../../chat/events";
import {
  LOGPROB_TOKENS,
  logprobStream,
  openAiCompletion,
  openAiStream,
  parallelToolCallStream,
  REPLY_PIECES,
  REPLY_TEXT,
  sseData,
  streamBytes,
  toolCallStream,
} from "../../testing/openai-wire";
import { applyEvents } from "../../store/apply-event";
import { createOpenAiStreamDecoder, decodeOpenAiJson } from "./decode";

/** Feeds the bytes in pieces cut at the given offsets, decoding UTF-8 as a transport would. */
function decode(bytes: Buffer, cuts: number[] = []): { batches: StreamEvent[][]; events: StreamEvent[] } {
  const decoder = createOpenAiStreamDecoder();
  const text = new TextDecoder();
  const batches: StreamEvent[][] = [];
  let from = 0;
  for (const to of [...cuts, bytes.length]) {
    batches.push(decoder.push(text.decode(bytes.subarray(from, to), { stream: true })));
    from = to;
  }
  batches.push(decoder.end());
  return { batches, events: batches.flat() };
}
const textOf = (events: StreamEvent[]) => events.flatMap((e) => (e.type === "text-delta" ? [e.text] : [])).join("");
const chunk = (choice: object, extra: object = {}) => sseData({ id: "c", object: "chat.completion.chunk", choices: [{ index: 0, ...choice }], ...extra });

describe("OpenAI stream decoder", () => {
  it("turns a whole read into one batch: deltas, usage, then the finish at [DONE]", () => {
    const { batches } = decode(streamBytes(openAiStream()));
    expect(batches[0]).toEqual([
      ...REPLY_PIECES.map((text) => ({ type: "text-delta", text })),
      { type: "usage", usage: { promptTokens: 31, completionTokens: 12 } },
      { type: "finish", reason: "stop" },
    ]);
    expect(batches[1]).toEqual([]);
  });

  it("assembles parallel tool calls the same wherever the bytes are split (every offset, twice)", () => {
    const bytes = streamBytes(parallelToolCallStream());
    const expected = [
      { id: "call_a", name: "get_weather", arguments: '{"city": "Zürich", "unit": "celsius"}' },
      { id: "call_b", name: "search_products", arguments: '{"query": "umbrella ☂"}' },
    ];
    for (let cut = 1; cut < bytes.length; cut++) {
      const { events } = decode(bytes, [Math.floor(cut / 2), cut]);
      const reply = applyEvents({ id: "r", role: "assistant", content: "", state: "streaming" }, events);
      expect(reply.toolCalls).toEqual(expected);
      expect(reply.finishReason).toBe("tool_calls");
    }
  });

  it("gives the same events wherever the network splits the bytes, even inside UTF-8", () => {
    const bytes = streamBytes(openAiStream());
    for (let cut = 1; cut < bytes.length; cut++) {
      const { events } = decode(bytes, [cut]);
      expect(textOf(events)).toBe(REPLY_TEXT);
      expect(events.filter((e) => e.type === "finish" || e.type === "error")).toEqual([{ type: "finish", reason: "stop" }]);
    }
  });

  it("assembles tool-call deltas per index with the id and name first", () => {
    const { events } = decode(streamBytes(toolCallStream()));
    expect(events).toEqual([
      { type: "tool-call-delta", index: 0, id: "call_1", name: "get_weather", argumentsDelta: "" },
      { type: "tool-call-delta", index: 0, argumentsDelta: '{"city":' },
      { type: "tool-call-delta", index: 0, argumentsDelta: '"Paris"}' },
      { type: "finish", reason: "tool_calls" },
    ]);
  });

  it("keeps per-token log-probabilities with their alternatives", () => {
    const logprobs = { content: [{ token: "Hi", logprob: -0.1, bytes: [72, 105], top_logprobs: [{ token: "Hi", logprob: -0.1 }, { token: "Hello", logprob: -2.4 }] }] };
    const { events } = decode(Buffer.from(chunk({ delta: { content: "Hi" }, logprobs }) + chunk({ delta: {}, finish_reason: "stop" }) + "data: [DONE]\n\n"));
    expect(events).toContainEqual({ type: "logprobs", tokens: [{ token: "Hi", logprob: -0.1, top: [{ token: "Hi", logprob: -0.1 }, { token: "Hello", logprob: -2.4 }] }] });
  });

  it("turns choices[].logprobs.content[] into logprobs events, one entry per token, beside the text they came with", () => {
    const { events } = decode(streamBytes(logprobStream()));
    const expected = LOGPROB_TOKENS.map((t) => ({ token: t.token, logprob: t.logprob, top: t.top_logprobs.map(({ token, logprob }) => ({ token, logprob })) }));
    expect(events).toEqual([
      { type: "text-delta", text: "Qu" },
      { type: "logprobs", tokens: expected.slice(0, 1) },
      { type: "text-delta", text: "antum café" },
      { type: "logprobs", tokens: expected.slice(1) },
      { type: "finish", reason: "stop" },
    ]);
  });

  it("gives the same log-probabilities wherever the network splits the bytes", () => {
    const bytes = streamBytes(logprobStream());
    const whole = decode(bytes).events;
    for (let cut = 1; cut < bytes.length; cut += 7) expect(decode(bytes, [cut]).events).toEqual(whole);
  });

  it("reads log-probabilities from a whole (non-streamed) completion too", () => {
    const body = openAiCompletion("Qu");
    const choice = { ...body.choices[0], logprobs: { content: LOGPROB_TOKENS.slice(0, 1), refusal: null } };
    expect(decodeOpenAiJson(JSON.stringify({ ...body, choices: [choice] }))).toContainEqual({
      type: "logprobs",
      tokens: [{ token: "Qu", logprob: -0.25, top: [{ token: "Qu", logprob: -0.25 }, { token: "The", logprob: -1.75 }] }],
    });
  });

  it("reports a finish reason it does not know as other, not as stop", () => {
    const { events } = decode(Buffer.from(chunk({ delta: { content: "x" } }) + chunk({ delta: {}, finish_reason: "eos_token" }) + "data: [DONE]\n\n"));
    expect(events.at(-1)).toEqual({ type: "finish", reason: "other" });
  });

  it("tells several choices apart by block", () => {
    const { events } = decode(Buffer.from(chunk({ index: 1, delta: { content: "second" } }) + "data: [DONE]\n\n"));
    expect(events[0]).toEqual({ type: "text-delta", text: "second", block: 1 });
  });

  it("ends with the finish reason when the server closes without [DONE], and as dropped when no finish came", () => {
    const complete = openAiStream().slice(0, -1);
    expect(decode(streamBytes(complete)).events.at(-1)).toEqual({ type: "finish", reason: "stop" });
    const cut = openAiStream().slice(0, 3);
    expect(decode(streamBytes(cut)).events.at(-1)).toMatchObject({ type: "error", code: "connection_dropped" });
  });

  it("ends with one error for an error chunk mid-stream, and ignores what follows", () => {
    const bytes = Buffer.from(chunk({ delta: { content: "par" } }) + sseData({ error: { message: "Overloaded", type: "server_error" } }) + chunk({ delta: { content: "late" } }));
    const { events } = decode(bytes);
    expect(events).toEqual([{ type: "text-delta", text: "par" }, { type: "error", code: "upstream_error", message: expect.stringMatching(/Overloaded/) }]);
  });

  it("reads ModelsLab's 200 that says status error as that error", () => {
    const { events } = decode(Buffer.from(sseData({ status: "error", message: "Rate limit exceeded. Maximum 5 queued requests allowed.", retry_after: 30 })));
    expect(events).toEqual([{ type: "error", code: "rate_limited", message: expect.stringMatching(/Maximum 5 queued/), retryAfter: 30 }]);
  });

  it("reports an unreadable chunk instead of guessing", () => {
    expect(decode(Buffer.from("data: {not json\n\n")).events).toEqual([{ type: "error", code: "malformed_stream", message: expect.stringMatching(/unreadable chunk/) }]);
  });
});

describe("OpenAI JSON body decoder", () => {
  it("reads a non-streamed completion, tool calls included", () => {
    const body = { choices: [{ index: 0, message: { content: null, tool_calls: [{ id: "c1", function: { name: "f", arguments: "{}" } }] }, finish_reason: "tool_calls" }] };
    expect(decodeOpenAiJson(JSON.stringify(body))).toEqual([
      { type: "tool-call-delta", index: 0, id: "c1", name: "f", argumentsDelta: "{}" },
      { type: "finish", reason: "tool_calls" },
    ]);
  });
});
