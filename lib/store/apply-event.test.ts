import { describe, expect, it } from "vitest";
import type { StreamEvent } from "../chat/events";
import { applyEvent, applyEvents } from "./apply-event";
import type { UiMessage } from "./ui-message";

const streaming = (): UiMessage => ({ id: "r1", role: "assistant", content: "", state: "streaming" });

describe("applyEvent", () => {
  it("appends text deltas in order and leaves the input message untouched", () => {
    const before = streaming();
    const after = applyEvents(before, [
      { type: "text-delta", text: "Hel" },
      { type: "text-delta", text: "lo", block: 0 },
    ]);
    expect(after.content).toBe("Hello");
    expect(before.content).toBe("");
  });

  it("accumulates tool-call deltas per index: id and name once, arguments in pieces", () => {
    const after = applyEvents(streaming(), [
      { type: "tool-call-delta", index: 0, id: "call_a", name: "get_weather", argumentsDelta: '{"city":' },
      { type: "tool-call-delta", index: 1, id: "call_b", name: "get_time", argumentsDelta: "{}" },
      { type: "tool-call-delta", index: 0, argumentsDelta: '"Paris"}' },
      { type: "finish", reason: "tool_calls" },
    ]);
    expect(after.toolCalls).toEqual([
      { id: "call_a", name: "get_weather", arguments: '{"city":"Paris"}' },
      { id: "call_b", name: "get_time", arguments: "{}" },
    ]);
    expect(after).toMatchObject({ state: "done", finishReason: "tool_calls" });
  });

  it("keeps a tool call whose first delta arrives at a later index", () => {
    const after = applyEvent(streaming(), { type: "tool-call-delta", index: 1, name: "f", argumentsDelta: "{" });
    expect(after.toolCalls).toEqual([
      { name: "", arguments: "" },
      { name: "f", arguments: "{" },
    ]);
  });

  it("keeps warnings, appends log-probabilities across events and records usage", () => {
    const after = applyEvents(streaming(), [
      { type: "warnings", warnings: [{ setting: "seed", message: "This upstream ignores the seed." }] },
      { type: "text-delta", text: "Hi" },
      { type: "logprobs", tokens: [{ token: "H", logprob: -0.1 }] },
      { type: "logprobs", tokens: [{ token: "i", logprob: -0.2, top: [{ token: "i", logprob: -0.2 }] }] },
      { type: "usage", usage: { promptTokens: 12, completionTokens: 2 } },
    ]);
    expect(after.warnings).toEqual([{ setting: "seed", message: "This upstream ignores the seed." }]);
    expect(after.logprobs?.map((t) => t.token)).toEqual(["H", "i"]);
    expect(after.usage).toEqual({ promptTokens: 12, completionTokens: 2 });
    expect(after.state).toBe("streaming");
  });

  it("finish keeps the signature; abort marks the reply stopped", () => {
    expect(applyEvent(streaming(), { type: "finish", reason: "stop", signature: "sig-1" })).toMatchObject({ state: "done", finishReason: "stop", signature: "sig-1" });
    expect(applyEvent(streaming(), { type: "finish", reason: "abort" })).toMatchObject({ state: "stopped", finishReason: "abort" });
    expect(applyEvent(streaming(), { type: "finish", reason: "other" })).toMatchObject({ state: "done", finishReason: "other" });
  });

  it("an error ends the reply with its code, message and retry hint, keeping the text so far", () => {
    const after = applyEvents(streaming(), [
      { type: "text-delta", text: "partial" },
      { type: "error", code: "rate_limited", message: "Slow down.", retryAfter: 3 },
    ]);
    expect(after).toMatchObject({ content: "partial", state: "error", error: { code: "rate_limited", message: "Slow down.", retryAfter: 3 } });
  });

  it("ignores event types it does not know", () => {
    const before = applyEvent(streaming(), { type: "text-delta", text: "a" });
    const unknown = { type: "reasoning-delta", text: "hmm" } as unknown as StreamEvent;
    expect(applyEvent(before, unknown)).toBe(before);
  });

  it("changes nothing after the terminal event", () => {
    const done = applyEvent(streaming(), { type: "finish", reason: "stop" });
    expect(applyEvents(done, [{ type: "text-delta", text: "late" }, { type: "error", code: "timeout", message: "late" }])).toBe(done);
  });

  it("continues a reply: streamed text and log-probabilities append after the kept prefix, alternatives and tail intact", () => {
    const prefix: UiMessage = { ...streaming(), content: "The dog", logprobs: [{ token: "The", logprob: -0.1 }, { token: " dog", logprob: -0.9 }], continuedAt: 1 };
    const after = applyEvents(prefix, [
      { type: "text-delta", text: " barked" },
      { type: "logprobs", tokens: [{ token: " barked", logprob: -2, top: [{ token: " ran", logprob: -1 }], tail: [-3, -4] }] },
      { type: "finish", reason: "stop" },
    ]);
    expect(after.content).toBe("The dog barked");
    expect(after.logprobs).toEqual([...prefix.logprobs!, { token: " barked", logprob: -2, top: [{ token: " ran", logprob: -1 }], tail: [-3, -4] }]);
    expect(after).toMatchObject({ state: "done", continuedAt: 1 });
  });
});
