import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "../params";
import { replyRequest } from "./reply-request";
import type { UiMessage } from "./ui-message";

const settings = { systemMessage: "Be brief.", params: DEFAULT_PARAMS, model: "mixtral", options: { logprobs: { top: 5 } } };
const history: UiMessage[] = [
  { id: "u1", role: "user", content: "Hi" },
  { id: "a1", role: "assistant", content: "", state: "error" },
  { id: "u2", role: "user", content: "Again" },
];

describe("replyRequest", () => {
  it("sends the settings with the history as role and content, leaving out empty replies", () => {
    expect(replyRequest(settings, history)).toEqual({
      ...settings,
      messages: [
        { role: "user", content: "Hi" },
        { role: "user", content: "Again" },
      ],
    });
  });

  it("a continuation ends the request with the partial reply, as the assistant's", () => {
    const partial: UiMessage = { id: "r1", role: "assistant", content: "The dog", state: "streaming" };
    expect(replyRequest(settings, history, partial).messages.at(-1)).toEqual({ role: "assistant", content: "The dog" });
  });
});
