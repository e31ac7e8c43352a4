import { describe, expect, it } from "vitest";
import type { StreamEvent, TokenLogprob } from "../chat/events";
import type { FunctionDefinition } from "../chat/request";
import { createStopFilter } from "../stop-sequences/stream-filter";
import { ReplyOutput } from "./reply-output";
import { ReplyShaper, type ShapeMode } from "./reply-shaper";

const lookup: FunctionDefinition = { name: "lookup", parameters: { type: "object", properties: { q: { type: "string" } } } };
const usage = { promptTokens: 12, completionTokens: 5 };

function output(mode: ShapeMode, stops: string[] = []) {
  return new ReplyOutput(createStopFilter(stops), new ReplyShaper(mode, mode === "text" || mode === "json" ? [] : [lookup], () => "call_1"));
}
const text = (t: string): StreamEvent => ({ type: "text-delta", text: t });

describe("ReplyOutput", () => {
  it("passes plain text through, then ends with the usage and finish reason stop", () => {
    const reply = output("text");
    expect(reply.push("Hello", undefined)).toEqual([text("Hello")]);
    expect(reply.push(" world", undefined)).toEqual([text(" world")]);
    expect(reply.ended).toBe(false);
    expect(reply.end(undefined, usage)).toEqual([{ type: "usage", usage }, { type: "finish", reason: "stop" }]);
  });

  it("ends at a stop sequence split over pieces, names it, and sends nothing of it", () => {
    const reply = output("text", ["END"]);
    expect(reply.push("The E", undefined)).toEqual([text("The ")]);
    expect(reply.ended).toBe(false);
    expect(reply.push("ND of it", undefined)).toEqual([]);
    expect(reply.ended).toBe(true);
    expect(reply.end(undefined, usage)).toEqual([{ type: "usage", usage }, { type: "finish", reason: "stop", stopSequence: "END" }]);
  });

  it("at Max Tokens releases what could have begun a stop sequence, then finishes with length", () => {
    const reply = output("text", ["xyz"]);
    expect(reply.push("abx", undefined)).toEqual([text("ab")]);
    reply.maxTokensReached();
    expect(reply.end(undefined, usage)).toEqual([text("x"), { type: "usage", usage }, { type: "finish", reason: "length" }]);
  });

  it("lets the bytes held at the end complete a stop sequence, which then ends the reply rather than Max Tokens", () => {
    const reply = output("text", ["x😀"]);
    expect(reply.push("abx", undefined)).toEqual([text("ab")]);
    reply.maxTokensReached();
    expect(reply.end({ text: "😀" }, usage)).toEqual([{ type: "usage", usage }, { type: "finish", reason: "stop", stopSequence: "x😀" }]);
  });

  it("sends the held tail's entries with its text", () => {
    const reply = output("text");
    const entries: TokenLogprob[] = [
      { token: "", logprob: -1 },
      { token: "\uFFFD", logprob: -2 },
    ];
    expect(reply.end({ text: "\uFFFD", entries }, usage)).toEqual([text("\uFFFD"), { type: "logprobs", tokens: entries }, { type: "usage", usage }, { type: "finish", reason: "stop" }]);
  });

  it("ends a JSON reply the moment its value is complete, without the text after it", () => {
    const reply = output("json");
    expect(reply.push('{"a": ', undefined)).toEqual([text('{"a": ')]);
    expect(reply.push("1}  \n", undefined)).toEqual([text("1}")]);
    expect(reply.ended).toBe(true);
    expect(reply.end(undefined, usage)).toEqual([{ type: "usage", usage }, { type: "finish", reason: "stop" }]);
  });

  it("ends a list of function calls with finish reason tool_calls", () => {
    const reply = output("tools");
    const events = reply.push('[{"name": "lookup", "arguments": {"q": "x"}}]', undefined);
    expect(events[0]).toEqual({ type: "tool-call-delta", index: 0, id: "call_1", name: "lookup", argumentsDelta: "" });
    expect(reply.ended).toBe(true);
    expect(reply.end(undefined, usage).at(-1)).toEqual({ type: "finish", reason: "tool_calls" });
  });

  it("sends nothing after the shape ended the reply, not even what the stop matcher held back", () => {
    const reply = output("auto-tools", ["\nEND"]);
    const events = reply.push('[{"name": "lookup", "arguments": {}}]\n', [{ token: '[{"name": "lookup", "arguments": {}}]\n', logprob: -1 }]);
    expect(events.map((e) => e.type)).toEqual(["tool-call-delta", "tool-call-delta"]);
    expect(reply.ended).toBe(true);
    expect(reply.end(undefined, usage)).toEqual([{ type: "usage", usage }, { type: "finish", reason: "tool_calls" }]);
  });

  it("gives a stop sequence precedence over the shape when one piece completes both", () => {
    const reply = output("tools", ["!"]);
    reply.push('[{"name": "lookup", "arguments": {}}]!', undefined);
    expect(reply.ended).toBe(true);
    expect(reply.end(undefined, usage).at(-1)).toEqual({ type: "finish", reason: "stop", stopSequence: "!" });
  });

  it("sends an undecided call list cut off by Max Tokens as the text it was", () => {
    const reply = output("auto-tools");
    expect(reply.push('[{"name": "look', undefined)).toEqual([]);
    reply.maxTokensReached();
    expect(reply.end(undefined, usage)).toEqual([text('[{"name": "look'), { type: "usage", usage }, { type: "finish", reason: "length" }]);
  });
});
