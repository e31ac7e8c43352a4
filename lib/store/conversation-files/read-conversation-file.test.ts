import { describe, expect, it } from "vitest";
import { pathOf } from "../../tree/conversation-tree";
import { conversationFileText, writeConversationFile, type ConversationFile } from "./conversation-file";
import { openAiMessagesText } from "./openai-messages";
import { readConversationFile } from "./read-conversation-file";
import { testParams, testTree } from "./test-conversation";

const file = (): ConversationFile => writeConversationFile(testTree(), { systemMessage: "S", params: testParams, title: "T" });
const errorsOf = (data: unknown) => {
  const read = readConversationFile(typeof data === "string" ? data : JSON.stringify(data));
  if (read.ok) throw new Error("expected the file to be rejected");
  return read.errors;
};
let ids = 0;
const newId = () => `m${++ids}`;

describe("reading a conversation file", () => {
  it("names the path of a wrong field", () => {
    const f = file();
    (f.tree.nodes.q1.message as { role: string }).role = "system";
    (f.tree.nodes.a1.message as { content: unknown }).content = 5;
    expect(errorsOf(f)).toEqual(["tree.nodes.q1.message.role: must be one of user, assistant, tool", "tree.nodes.a1.message.content: must be a string"]);
  });

  it("names unknown fields, missing fields and out-of-range parameters", () => {
    const f = file() as unknown as Record<string, unknown>;
    delete f.title;
    f.params = { ...testParams, temperature: 3, colour: "red" };
    expect(errorsOf(f)).toEqual(["title: is required", "params.temperature: must be at most 2", 'params: unknown field "colour"']);
  });

  it("rejects a child id that names no node", () => {
    const f = file();
    f.tree.nodes.q1.children.push("ghost");
    expect(errorsOf(f)).toEqual(['tree.nodes.q1.children[2]: no node "ghost" in tree.nodes']);
  });

  it("rejects a cycle", () => {
    const f = file();
    const message = f.tree.nodes.q1.message;
    f.tree.nodes.x = { parent: "y", children: ["y"], message };
    f.tree.nodes.y = { parent: "x", children: ["x"], message };
    expect(errorsOf(f)).toEqual(['tree.nodes.x.parent: "x" is in a cycle (it is not reached from tree.roots)', 'tree.nodes.y.parent: "y" is in a cycle (it is not reached from tree.roots)']);
  });

  it("rejects an active root that is not a root, and ids with odd characters", () => {
    const f = file();
    f.tree.activeRoot = "a1";
    expect(errorsOf(f)).toEqual(['tree.activeRoot: "a1" is not one of tree.roots']);
    expect(errorsOf(conversationFileText(file()).replace('"q1": {', '"q 1": {'))).toContain('tree.nodes["q 1"]: must be an id of 1 to 128 letters, digits, _ . : or -, starting with a letter or digit');
    // A node keyed "__proto__" never becomes one (and nothing is polluted): the file is rejected.
    expect(errorsOf(conversationFileText(file()).replace('"q1": {', '"__proto__": {')).length).toBeGreaterThan(0);
    expect(({} as Record<string, unknown>).message).toBeUndefined();
  });

  it("caps the number of messages and the size, saying the limit", () => {
    const f = file();
    const message = f.tree.nodes.q1.message;
    for (let i = 0; i < 5_001; i++) f.tree.nodes[`n${i}`] = { parent: null, children: [], message };
    expect(errorsOf(f)).toEqual([expect.stringMatching(/^tree\.nodes: 5,00\d messages, at most 5,000 can be imported$/)]);
    expect(errorsOf(`"${"x".repeat(5_000_001)}"`)).toEqual(["the file is 5.0 MB: at most 5 MB can be imported"]);
  });

  it("rejects what is not JSON or not a conversation, and lists at most 20 errors", () => {
    expect(errorsOf("{nope")[0]).toMatch(/^the file is not JSON: /);
    expect(errorsOf({ hello: 1 })).toEqual(['the file must be a conversation export (format "mixtral-playground.conversation") or an OpenAI messages array']);
    const f = file();
    for (const node of Object.values(f.tree.nodes)) (node.message as { role: string }).role = "robot";
    for (let i = 0; i < 30; i++) f.tree.nodes[`z${i}`] = { parent: null, children: [], message: { role: "robot" } as never };
    const errors = errorsOf(f);
    expect(errors).toHaveLength(21);
    expect(errors.at(-1)).toMatch(/^… and \d+ more$/);
  });
});

describe("reading an OpenAI messages array", () => {
  it("takes a leading system message as the System Message and the rest as one path", () => {
    const read = readConversationFile(
      JSON.stringify([
        { role: "system", content: "Be brief." },
        { role: "user", content: "Weather?", name: "ann" },
        { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "weather", arguments: "{}" } }] },
        { role: "tool", tool_call_id: "c1", content: "sunny" },
        { role: "assistant", content: "Sunny." },
      ]),
      newId,
    );
    if (!read.ok) throw new Error(read.errors.join("\n"));
    expect(read.conversation.systemMessage).toBe("Be brief.");
    expect(read.conversation.params).toBeUndefined();
    expect(pathOf(read.conversation.tree).map((m) => [m.role, m.content, m.toolCalls?.[0]?.name ?? m.toolCallId])).toEqual([
      ["user", "Weather?", undefined],
      ["assistant", "", "weather"],
      ["tool", "sunny", "c1"],
      ["assistant", "Sunny.", undefined],
    ]);
  });

  it("reads back what Copy as messages writes", () => {
    const path = pathOf(testTree()).slice(0, 3);
    const read = readConversationFile(openAiMessagesText("Be brief.", path), newId);
    if (!read.ok) throw new Error(read.errors.join("\n"));
    expect(read.conversation.systemMessage).toBe("Be brief.");
    expect(pathOf(read.conversation.tree).map((m) => ({ role: m.role, content: m.content, toolCalls: m.toolCalls, toolCallId: m.toolCallId }))).toEqual(
      path.map((m) => ({ role: m.role, content: m.content, toolCalls: m.toolCalls, toolCallId: m.toolCallId })),
    );
  });

  it("names the path of each fault", () => {
    expect(
      errorsOf([
        { role: "user", content: "hi" },
        { role: "system", content: "late" },
        { role: "bot", content: "x" },
        { role: "user", content: [{ type: "text", text: "parts" }] },
        { role: "tool", content: "r" },
      ]),
    ).toEqual([
      "messages[1].role: a system message may only come first",
      "messages[2].role: must be one of system, user, assistant, tool",
      "messages[3].content: must be a string",
      "messages[4].tool_call_id: is required for a tool message",
    ]);
    expect(errorsOf([{ role: "system", content: "only" }])).toEqual(["messages: must hold at least one user, assistant or tool message"]);
  });
});
