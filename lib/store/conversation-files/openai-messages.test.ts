import { describe, expect, it } from "vitest";
import { pathOf } from "../../tree/conversation-tree";
import { openAiMessagesOf } from "./openai-messages";
import { testTree } from "./test-conversation";

describe("Copy as messages", () => {
  it("is OpenAI's messages array of the shown path, system message first", () => {
    expect(openAiMessagesOf("Be brief.", pathOf(testTree()))).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Show `code` and $x^2$:\n\n```js\nconsole.log(1)\n```" },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } }] },
      { role: "tool", tool_call_id: "call_1", content: '{"temp":21}' },
      // The failed reply (no text) is not a turn.
    ]);
  });

  it("leaves out an empty system message", () => {
    expect(openAiMessagesOf("  ", pathOf(testTree()))[0]).toMatchObject({ role: "user" });
  });
});
