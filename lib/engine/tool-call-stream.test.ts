import { describe, expect, it } from "vitest";
import type { StreamEvent } from "../chat/events";
import { applyEvents } from "../store/apply-event";
import type { UiMessage } from "../store/ui-message";
import { JsonProgress } from "./json-progress";
import { ToolCallStream } from "./tool-call-stream";
import { bounded, enforceable } from "./tool-grammar";

const calls = '[{"name": "get_weather", "arguments": {"city": "Paris, \\"FR\\"", "days": [1, 2]}}, {"name":"search_products","arguments":{"q":"}{]["}}]';

/** The calls a browser assembles from the events, with the text split into pieces of `size`. */
function assembled(text: string, size: number) {
  let n = 0;
  const stream = new ToolCallStream(() => `call_${n++}`);
  const events: StreamEvent[] = [];
  for (let i = 0; i < text.length; i += size) events.push(...stream.push(text.slice(i, i + size)));
  const reply: UiMessage = { id: "r", role: "assistant", content: "", state: "streaming" };
  return { events, calls: applyEvents(reply, events).toolCalls };
}

describe("ToolCallStream", () => {
  it("assembles parallel calls, whatever the pieces (every split size)", () => {
    const expected = [
      { id: "call_0", name: "get_weather", arguments: '{"city": "Paris, \\"FR\\"", "days": [1, 2]}' },
      { id: "call_1", name: "search_products", arguments: '{"q":"}{]["}' },
    ];
    for (let size = 1; size <= calls.length; size++) expect(assembled(calls, size).calls).toEqual(expected);
  });

  it("sends the name first, then the arguments as they come", () => {
    const { events } = assembled(calls, 1);
    const first = events.findIndex((e) => e.type === "tool-call-delta" && e.name === "get_weather");
    const firstArguments = events.findIndex((e) => e.type === "tool-call-delta" && e.argumentsDelta !== "");
    expect(first).toBeGreaterThanOrEqual(0);
    expect(firstArguments).toBeGreaterThan(first);
    expect(events.filter((e) => e.type === "tool-call-delta" && e.argumentsDelta !== "").length).toBeGreaterThan(10);
  });

  it("copes with the arguments written before the name", () => {
    expect(assembled('[{"arguments": {"a": 1}, "name": "f"}]', 3).calls).toEqual([{ id: "call_0", name: "f", arguments: '{"a": 1}' }]);
  });
});

describe("JsonProgress", () => {
  it("finds where a value ends, strings and escapes respected, at any split", () => {
    const text = '{"a": "}\\"]", "b": [1, {"c": null}]}   trailing';
    const end = text.indexOf("}   ") + 1;
    for (let size = 1; size <= text.length; size++) {
      const progress = new JsonProgress();
      let taken = 0;
      for (let i = 0; i < text.length && !progress.complete; i += size) taken += progress.push(text.slice(i, i + size));
      expect(progress.complete).toBe(true);
      expect(taken).toBe(end);
    }
  });

  it("is not complete while the value is open", () => {
    const progress = new JsonProgress();
    progress.push('  {"a": [1, 2');
    expect(progress.complete).toBe(false);
  });
});


describe("grammar schemas", () => {
  it("writes a small integer range as its enum, everywhere in the schema", () => {
    expect(enforceable({ type: "object", properties: { rating: { type: "integer", minimum: 1, maximum: 5 }, big: { type: "integer", minimum: 0, maximum: 1000 } } })).toEqual({
      type: "object",
      properties: { rating: { enum: [1, 2, 3, 4, 5] }, big: { type: "integer", minimum: 0, maximum: 1000 } },
    });
  });

  it("bounds unbounded strings and lists for the demo model, and leaves bounded ones", () => {
    expect(bounded({ type: "object", properties: { a: { type: "string" }, b: { type: "string", maxLength: 5 }, c: { type: "array", items: { type: "string", enum: ["x"] } } } })).toEqual({
      type: "object",
      properties: { a: { type: "string", maxLength: 24 }, b: { type: "string", maxLength: 5 }, c: { type: "array", items: { type: "string", enum: ["x"] }, maxItems: 3 } },
    });
  });
});
