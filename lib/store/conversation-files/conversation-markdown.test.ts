import { describe, expect, it } from "vitest";
import { pathOf } from "../../tree/conversation-tree";
import { settingsOf } from "./conversation-file";
import { conversationMarkdown, fenced } from "./conversation-markdown";
import { testParams, testTree } from "./test-conversation";

describe("conversation as Markdown", () => {
  const path = pathOf(testTree());
  const markdown = conversationMarkdown("Weather", settingsOf(path, { systemMessage: "", params: testParams }), path, new Date("2025-01-02T03:04:05Z"));

  it("starts with the title and a settings summary", () => {
    expect(markdown.startsWith("# Weather\n\nExported from the Mixtral playground on 2025-01-02T03:04:05.000Z.")).toBe(true);
    for (const line of ["- Model: mixtral-demo", "- Temperature: 0.3", "- Max Tokens: 6", "- Top P: 0.9", "- Seed: 42", "- Top K: 40", '- Stop Sequences: "END"']) {
      expect(markdown).toContain(`${line}\n`);
    }
    expect(markdown).toContain("System message:\n\n```text\nBe brief.\n```");
  });

  it("shows the shown path with role headings, text verbatim (fences and math source kept)", () => {
    const headings = markdown.match(/^\*\*(You|Assistant|Function result)\*\*.*$/gm);
    expect(headings).toEqual(["**You**", "**Assistant**", "**Function result** (call call_1)", "**Assistant**"]);
    expect(markdown).toContain("**You**\n\nShow `code` and $x^2$:\n\n```js\nconsole.log(1)\n```\n\n---");
    expect(markdown).not.toContain("First"); // the other version of the reply is not on the shown path
    expect(markdown).toContain("_Failed: Timed out_");
  });

  it("shows function calls as JSON code blocks", () => {
    expect(markdown).toContain('Function calls:\n\n```json\n[\n  {\n    "id": "call_1",\n    "name": "weather",\n    "arguments": {\n      "city": "Paris"\n    }\n  }\n]\n```');
  });

  it("fences text containing fences with a longer fence", () => {
    expect(fenced("a ```js b", "text")).toBe("````text\na ```js b\n````");
  });
});
