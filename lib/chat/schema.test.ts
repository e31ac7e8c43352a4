import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS, DEFAULT_SYSTEM_MESSAGE, NUMERIC_PARAMS } from "@/lib/params";
import { ChatBodySchema } from "./schema";

const user = (content: string) => ({ role: "user" as const, content });
const fieldsOf = (body: unknown) => {
  const result = ChatBodySchema.safeParse(body);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("chat body schema", () => {
  it("fills the page defaults when parameters are omitted", () => {
    const body = ChatBodySchema.parse({ messages: [user("Hi")] });
    expect(body.params).toEqual(DEFAULT_PARAMS);
    expect(body.systemMessage).toBe(DEFAULT_SYSTEM_MESSAGE);
  });

  it("accepts every bound of every parameter", () => {
    for (const p of NUMERIC_PARAMS) {
      for (const value of [p.min, p.max]) {
        expect(fieldsOf({ messages: [user("Hi")], params: { [p.key]: value } })).toEqual([]);
      }
    }
  });

  it.each(NUMERIC_PARAMS.map((p) => [p.key, p.label, p.min, p.max] as const))(
    "rejects %s outside its range, naming the field",
    (key, label, min, max) => {
      expect(fieldsOf({ messages: [user("Hi")], params: { [key]: max + 1 } })).toEqual([`params.${key}: ${label} must be at most ${max}`]);
      expect(fieldsOf({ messages: [user("Hi")], params: { [key]: min - 1 } })).toEqual([`params.${key}: ${label} must be at least ${min}`]);
      expect(fieldsOf({ messages: [user("Hi")], params: { [key]: "hot" } })).toEqual([`params.${key}: ${label} must be a number`]);
    },
  );

  it("rejects a fractional Max Tokens, a bad seed, unknown parameters and bad messages", () => {
    expect(fieldsOf({ messages: [user("Hi")], params: { maxTokens: 10.5 } })).toEqual(["params.maxTokens: Max Tokens must be a whole number"]);
    expect(fieldsOf({ messages: [user("Hi")], params: { seed: -1 } })).toEqual(["params.seed: Seed must be at least 0"]);
    expect(fieldsOf({ messages: [user("Hi")], params: { top_k: 5 } })).toEqual(["params: Unknown parameter: top_k"]);
    expect(fieldsOf({ messages: [] })).toEqual(["messages: messages must not be empty"]);
    expect(fieldsOf({ messages: [{ role: "system", content: "x" }] })[0]).toMatch(/^messages\.0\.role/);
    expect(fieldsOf({ messages: [user("Hi"), { role: "assistant", content: " " }] })).toEqual([
      "messages: the last message must be a non-empty user message, or a non-empty assistant reply to continue",
    ]);
    expect(fieldsOf({ messages: [user("Hi")], stream: false })[0]).toMatch(/stream/);
  });

  it("takes a last assistant message (a reply to continue) and the log-probabilities option, strictly", () => {
    expect(fieldsOf({ messages: [user("Hi"), { role: "assistant", content: "Hello" }] })).toEqual([]);
    expect(fieldsOf({ messages: [user("Hi")], options: { logprobs: { top: 20 } } })).toEqual([]);
    expect(fieldsOf({ messages: [user("Hi")], options: { logprobs: { top: 21 } } })).toEqual(["options.logprobs.top: logprobs.top must be at most 20"]);
    expect(fieldsOf({ messages: [user("Hi")], options: { bogus: [] } })).toEqual(["options: Unknown option: bogus"]);
  });
});

describe("tools, tool messages and response formats", () => {
  const weather = { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } } } };
  const call = { id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' };
  const conversation = [user("Weather?"), { role: "assistant", content: "", toolCalls: [call] }, { role: "tool", toolCallId: "call_1", content: "18°C" }];

  it("accepts definitions, a choice, the assistant's calls and the results that answer them", () => {
    expect(fieldsOf({ messages: conversation, options: { tools: [weather], toolChoice: { name: "get_weather" } } })).toEqual([]);
    expect(fieldsOf({ messages: [user("Hi")], options: { tools: [weather], toolChoice: "required" } })).toEqual([]);
  });

  it("refuses results that answer no call, calls on the wrong role, bad names and unknown choices", () => {
    expect(fieldsOf({ messages: [...conversation.slice(0, 2), { role: "tool", toolCallId: "call_9", content: "x" }] })).toEqual([
      "messages: every tool message must answer a tool call of the assistant message before it",
    ]);
    expect(fieldsOf({ messages: [user("Hi"), { role: "tool", content: "x" }] })).toContain("messages.1.toolCallId: a tool message needs toolCallId, and only a tool message has one");
    expect(fieldsOf({ messages: [{ ...user("Hi"), toolCalls: [call] }] })).toContain("messages.0.toolCalls: only assistant messages carry toolCalls");
    expect(fieldsOf({ messages: [user("Hi")], options: { tools: [{ ...weather, name: "get weather!" }] } })).toEqual(["options.tools.0.name: name must be 1 to 64 letters, digits, _ or -"]);
    expect(fieldsOf({ messages: [user("Hi")], options: { tools: [weather, weather] } })).toEqual(["options.tools: tool names must be unique"]);
    // The same words the browser's Functions editor shows (lib/chat/function-schema.ts).
    expect(fieldsOf({ messages: [user("Hi")], options: { tools: [{ ...weather, arguments: {} }] } })).toEqual([
      'options.tools.0: unknown field "arguments" (a function has name, description and parameters)',
    ]);
    expect(fieldsOf({ messages: [user("Hi")], options: { tools: [weather], toolChoice: { name: "other" } } })).toEqual(["options.toolChoice: toolChoice names a function that is not in tools"]);
    expect(fieldsOf({ messages: [user("Hi")], options: { toolChoice: "required" } })).toEqual(["options.toolChoice: toolChoice needs tools"]);
  });

  it("takes the three response formats and bounds a schema's size", () => {
    expect(fieldsOf({ messages: [user("Hi")], options: { responseFormat: { type: "json_object" } } })).toEqual([]);
    expect(fieldsOf({ messages: [user("Hi")], options: { responseFormat: { type: "json_schema", schema: { type: "object" } } } })).toEqual([]);
    expect(fieldsOf({ messages: [user("Hi")], options: { responseFormat: { type: "yaml" } } })).toHaveLength(1);
    const huge = { type: "object", description: "x".repeat(40_000) };
    expect(fieldsOf({ messages: [user("Hi")], options: { responseFormat: { type: "json_schema", schema: huge } } })[0]).toMatch(/at most 32000 characters/);
  });

  it("takes stop sequences, Top K and Repetition Penalty as optional parameters within their limits", () => {
    const ok = { messages: [user("Hi")], params: { stop: ["\n\n", "User:", "終", "x".repeat(100)], topK: 100, repetitionPenalty: 0.1 } };
    expect(fieldsOf(ok)).toEqual([]);
    expect(ChatBodySchema.parse(ok).params).toEqual({ ...DEFAULT_PARAMS, stop: ["\n\n", "User:", "終", "x".repeat(100)], topK: 100, repetitionPenalty: 0.1 });
    expect(fieldsOf({ messages: [user("Hi")], params: { stop: [], topK: 1, repetitionPenalty: 2 } })).toEqual([]);
    // Absent means not sent: no defaults are filled in for them.
    expect(ChatBodySchema.parse({ messages: [user("Hi")] }).params).not.toHaveProperty("topK");
  });

  it("rejects bad stop sequences, Top K and Repetition Penalty with a 400 naming the field", () => {
    const bad = (params: Record<string, unknown>) => fieldsOf({ messages: [user("Hi")], params });
    expect(bad({ stop: ["a", "b", "c", "d", "e"] })).toEqual(["params.stop: at most 4 stop sequences"]);
    expect(bad({ stop: ["ok", ""] })).toEqual(["params.stop.1: a stop sequence must not be empty"]);
    expect(bad({ stop: ["x".repeat(101)] })).toEqual(["params.stop.0: a stop sequence must be at most 100 characters"]);
    expect(bad({ stop: "END" })).toEqual(["params.stop: Stop Sequences must be a list of texts"]);
    expect(bad({ stop: [7] })).toEqual(["params.stop.0: each stop sequence must be a string"]);
    expect(bad({ topK: 0 })).toEqual(["params.topK: Top K must be at least 1"]);
    expect(bad({ topK: 101 })).toEqual(["params.topK: Top K must be at most 100"]);
    expect(bad({ topK: 2.5 })).toEqual(["params.topK: Top K must be a whole number"]);
    expect(bad({ repetitionPenalty: 0 })).toEqual(["params.repetitionPenalty: Repetition Penalty must be at least 0.1"]);
    expect(bad({ repetitionPenalty: 2.5 })).toEqual(["params.repetitionPenalty: Repetition Penalty must be at most 2"]);
    expect(bad({ repetitionPenalty: "strong" })).toEqual(["params.repetitionPenalty: Repetition Penalty must be a number"]);
  });
});
