import { describe, expect, it } from "vitest";
import { replyWithLogprobs } from "../testing/logprob-replies";
import { canonicalJson } from "../json/canonical-json";
import { DEFAULT_PARAMS } from "../params";
import { CreateShareBodySchema, MAX_SNAPSHOT_BYTES } from "../shares/snapshot";
import { followPath, pathOf, treeOf, versionsOf } from "../tree/conversation-tree";
import type { UiMessage } from "./ui-message";
import { fromSharedMessages, otherVersionCount, toSharedMessages } from "./share-mapping";
import { fromSharedTree, toSharedConversation } from "./share-tree-mapping";

const reply = replyWithLogprobs;

describe("a conversation as a share keeps it", () => {
  it("a 2,000-token reply with probabilities makes a share body the schema accepts, under the snapshot limit", () => {
    const messages = toSharedMessages([
      { id: "u", role: "user", content: "Hi" },
      { id: "a", state: "done", continuedAt: 3, ...reply(2000) },
    ]);
    const body = CreateShareBodySchema.parse({ systemMessage: "", params: DEFAULT_PARAMS, messages });
    expect(body.messages[1].logprobs).toHaveLength(2000);
    expect(body.messages[1].continuedAt).toBe(3);
    expect(Buffer.byteLength(canonicalJson(body))).toBeLessThan(MAX_SNAPSHOT_BYTES);
  });

  it("keeps what shaped a reply (the JSON form asked for, the functions offered), and opens it back with them", () => {
    const shaping = { format: { type: "json_object" as const }, offeredTools: { tools: [{ name: "f", parameters: { type: "object" } }], toolChoice: "required" as const } };
    const messages = toSharedMessages([
      { id: "u", role: "user", content: "Hi" },
      { id: "a", role: "assistant", state: "done", content: "{}", signature: "s", generation: { systemMessage: "", params: DEFAULT_PARAMS }, ...shaping },
    ]);
    const body = CreateShareBodySchema.parse({ systemMessage: "", params: DEFAULT_PARAMS, messages });
    expect(body.messages[1]).toMatchObject(shaping);
    expect(fromSharedMessages(body.messages, () => "id")[1]).toMatchObject(shaping);
    // An unsigned reply can be neither verified nor reproduced: its functions are not repeated into the share.
    const [unsigned] = toSharedMessages([{ id: "b", role: "assistant", state: "done", content: "{}", ...shaping }]);
    expect(unsigned).not.toHaveProperty("format");
    expect(unsigned).not.toHaveProperty("offeredTools");
  });
});

const said = (id: string, content: string): UiMessage => ({ id, role: "user", content });
const answered = (id: string, content: string, state: UiMessage["state"] = "done"): UiMessage => ({ id, role: "assistant", content, state });
const contents = (messages: readonly { content: string }[]) => messages.map((m) => m.content);

describe("a conversation with its other versions as a share keeps it", () => {
  // "Hi" answered three times: "first", a regenerate stopped before its first word, then "third",
  // which the conversation went on from and is shown.
  const tree = (ids = "") => {
    const question = said(`${ids}u1`, "Hi");
    let t = treeOf([question, answered(`${ids}a1`, "first")]);
    t = followPath(t, [question, answered(`${ids}a2`, "", "stopped")]);
    return followPath(t, [question, answered(`${ids}a3`, "third"), said(`${ids}u2`, "More?"), answered(`${ids}a4`, "Sure.")]);
  };

  it("keeps every version with its shown path as `messages`, renumbered, without the reply that never got a word", () => {
    const shared = toSharedConversation(tree());
    expect(contents(shared.messages)).toEqual(["Hi", "third", "More?", "Sure."]);
    expect(Object.keys(shared.tree.nodes)).toEqual(["m1", "m2", "m3", "m4", "m5"]);
    expect(shared.tree.nodes.m1).toMatchObject({ parent: null, children: ["m2", "m3"], active: "m3" });
    expect(contents([shared.tree.nodes.m2.message])).toEqual(["first"]);
    expect(otherVersionCount(tree())).toBe(1);
    const body = CreateShareBodySchema.parse({ systemMessage: "", params: DEFAULT_PARAMS, ...shared });
    expect(body.tree).toEqual(shared.tree);
  });

  it("hands the versions below a left-out reply to its parent, and equal content makes an equal share", () => {
    // A message sent after a reply stopped at once: it hangs from that empty reply.
    let t = treeOf([said("x1", "Hi"), answered("x2", "", "stopped"), said("x3", "Hello?"), answered("x4", "Yes.")]);
    t = followPath(t, [said("x1", "Hi"), answered("x5", "Again.")]);
    const shared = toSharedConversation(t);
    expect(contents(shared.messages)).toEqual(["Hi", "Again."]);
    expect(shared.tree.nodes.m1.children.map((id) => shared.tree.nodes[id].message.content)).toEqual(["Hello?", "Again."]);
    CreateShareBodySchema.parse({ systemMessage: "", params: DEFAULT_PARAMS, ...shared });

    // The browser's ids differ (another tab, an import): the share is the same, so dedupe finds it.
    expect(canonicalJson(toSharedConversation(tree("tab2-")))).toBe(canonicalJson(toSharedConversation(tree())));
  });

  it("fits a long reply's probabilities although the shown path is written twice, under the snapshot limit", () => {
    const long = followPath(tree(), [said("u1", "Hi"), { ...reply(1500), id: "a5", state: "done" as const }]);
    const shared = toSharedConversation(long);
    const body = CreateShareBodySchema.parse({ systemMessage: "", params: DEFAULT_PARAMS, ...shared });
    expect(body.messages[1].logprobs).toHaveLength(1500);
    expect(Buffer.byteLength(canonicalJson(body))).toBeLessThan(MAX_SNAPSHOT_BYTES);
  });

  it("opens back into the playground as the whole tree, shown path and positions kept, with new ids", () => {
    const shared = toSharedConversation(tree());
    let n = 0;
    const opened = fromSharedTree(shared.tree, () => `new-${++n}`);
    expect(contents(pathOf(opened))).toEqual(["Hi", "third", "More?", "Sure."]);
    const shownReply = pathOf(opened)[1];
    expect(shownReply).toMatchObject({ id: expect.stringMatching(/^new-/), state: "done" });
    expect(versionsOf(opened, shownReply.id)).toEqual({ position: 2, count: 2 });
  });
});
