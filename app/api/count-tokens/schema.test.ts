/** /api/count-tokens bodies: each wrong one is refused with the field that is wrong and why, never a bare "Invalid input". */
import { describe, expect, it } from "vitest";
import { CountTokensBodySchema } from "./schema";

const issues = (input: unknown) => CountTokensBodySchema.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);

describe("CountTokensBodySchema", () => {
  it("accepts plain text, or a system message with messages", () => {
    expect(CountTokensBodySchema.parse({ text: "hi" })).toEqual({ text: "hi" });
    expect(CountTokensBodySchema.parse({ systemMessage: "s", messages: [{ role: "user", content: "hi" }] })).toMatchObject({
      messages: [{ role: "user", content: "hi" }],
    });
  });

  it("names the field and the problem for every wrong body", () => {
    expect(issues({ text: 5 })).toEqual(["text: text must be a string"]);
    expect(issues({ text: "x".repeat(2_000_001) })).toEqual(["text: text must be at most 2000000 characters"]);
    expect(issues({ messages: [{ role: "robot", content: "hi" }] })).toEqual(['messages.0.role: role must be "user", "assistant" or "tool"']);
    expect(issues({ systemMessage: "s", messages: "hi" })).toEqual(["messages: messages must be a list"]);
    expect(issues({ text: "a", messages: [] })?.[0]).toMatch(/^: .*messages/);
  });

  it("says what the body should be when it is neither shape", () => {
    const expected = ["Send either { text } or { systemMessage, messages }"];
    expect(issues({})).toEqual(expected.map((m) => `: ${m}`));
    expect(issues([])).toEqual(expected.map((m) => `: ${m}`));
    expect(issues("hello")).toEqual(expected.map((m) => `: ${m}`));
  });
});
