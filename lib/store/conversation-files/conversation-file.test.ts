import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mapMessages, pathOf, versionsOf } from "../../tree/conversation-tree";
import { conversationFileName, conversationFileText, settingsOf, writeConversationFile } from "./conversation-file";
import { conversationFileJsonSchema } from "./conversation-file-schema";
import { readConversationFile } from "./read-conversation-file";
import { testParams, testTree } from "./test-conversation";

const panel = { systemMessage: "Panel system", params: { ...testParams, temperature: 1 } };

describe("conversation file", () => {
  it("round-trips the whole tree and the settings", () => {
    const tree = testTree();
    const settings = { ...settingsOf(pathOf(tree), panel), title: "Weather" };
    const text = conversationFileText(writeConversationFile(tree, settings));
    const read = readConversationFile(text);
    if (!read.ok) throw new Error(read.errors.join("\n"));
    // Only what is transient is left out: a failure's retry delay.
    const expected = mapMessages(tree, (m) => (m.error ? { ...m, error: { code: m.error.code, message: m.error.message } } : m));
    expect(read.conversation.tree).toEqual(expected);
    expect(versionsOf(read.conversation.tree, "a2")).toEqual({ position: 2, count: 2 });
    expect(read.conversation).toMatchObject({ title: "Weather", systemMessage: "Be brief.", params: testParams, model: "mixtral-demo" });
  });

  it("takes the settings from the last reply that kept them, else the panel's", () => {
    const tree = testTree();
    expect(settingsOf(pathOf(tree), panel)).toEqual({ systemMessage: "Be brief.", params: testParams, model: "mixtral-demo" });
    expect(settingsOf([pathOf(tree)[0]], panel)).toEqual(panel);
  });

  it("writes a reply still streaming as stopped", () => {
    const tree = mapMessages(testTree(), (m) => (m.id === "a3" ? { ...m, state: "streaming" as const, error: undefined } : m));
    const file = writeConversationFile(tree, { ...panel, title: "t" });
    expect(file.tree.nodes.a3.message.state).toBe("stopped");
  });

  it("keeps hostile text as text", () => {
    const xss = '<img src=x onerror="alert(1)"><script>alert(2)</script>[link](javascript:alert(3))';
    const tree = mapMessages(testTree(), (m) => (m.id === "q1" ? { ...m, content: xss } : m));
    const read = readConversationFile(conversationFileText(writeConversationFile(tree, { ...panel, title: xss })));
    if (!read.ok) throw new Error(read.errors.join("\n"));
    expect(read.conversation.tree.nodes.q1.message.content).toBe(xss);
    expect(read.conversation.title).toBe(xss);
  });

  it("names files after the title", () => {
    expect(conversationFileName("Tides & the Moon!", "conversation.json")).toBe("tides-the-moon.conversation.json");
    expect(conversationFileName("???", "md")).toBe("conversation.md");
  });

  it("publishes its JSON Schema in docs (regenerate it when the shape changes)", () => {
    const published = fs.readFileSync(path.join(import.meta.dirname, "../../../docs/conversation-file.schema.json"), "utf8");
    expect(JSON.parse(published)).toEqual(conversationFileJsonSchema());
  });
});
