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
    expect(fieldsOf({ messages: [user("Hi")], options: { tools: [] } })).toEqual(["options: Unknown option: tools"]);
  });
});
