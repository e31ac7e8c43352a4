import { describe, expect, it } from "vitest";
import { lastRequestMessages, toRequestMessages } from "./request-messages";
import type { UiMessage } from "../store/ui-message";

const history: UiMessage[] = [
  { id: "1", role: "user", content: "Hi" },
  { id: "2", role: "assistant", content: "", state: "error", error: { code: "timeout", message: "t" } },
  { id: "3", role: "user", content: "Again" },
  { id: "4", role: "assistant", content: "Hello!", state: "done", usage: { promptTokens: 3, completionTokens: 2 } },
];

describe("toRequestMessages", () => {
  it("sends every user message and every reply with text, as role and content only", () => {
    expect(toRequestMessages(history)).toEqual([
      { role: "user", content: "Hi" },
      { role: "user", content: "Again" },
      { role: "assistant", content: "Hello!" },
    ]);
  });
});

describe("lastRequestMessages", () => {
  it("is the history up to the last user message: what produced the last reply", () => {
    expect(lastRequestMessages(history)).toEqual([
      { role: "user", content: "Hi" },
      { role: "user", content: "Again" },
    ]);
  });

  it("is empty without a user message", () => {
    expect(lastRequestMessages([])).toEqual([]);
  });
});
