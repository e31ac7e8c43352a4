import { describe, expect, it } from "vitest";
import { MAX_MESSAGES } from "../chat/schema";
import { DEFAULT_PARAMS } from "../params";
import { CreateShareBodySchema, MAX_SHARED_TREE_MESSAGES, type SharedMessage, type SharedTree } from "./snapshot";

const user = (content: string): SharedMessage => ({ role: "user", content });
const reply = (content: string): SharedMessage => ({ role: "assistant", content });

/** "Hi" answered twice (a regenerate): m2 and m3 are versions of the reply, m3 shown. */
const twoVersions = (): SharedTree => ({
  roots: ["m1"],
  activeRoot: "m1",
  nodes: {
    m1: { parent: null, children: ["m2", "m3"], active: "m3", message: user("Hi") },
    m2: { parent: "m1", children: [], message: reply("Hello!") },
    m3: { parent: "m1", children: [], message: reply("Hi there.") },
  },
});

const body = (tree: SharedTree, messages: SharedMessage[] = [user("Hi"), reply("Hi there.")]) => ({ systemMessage: "", params: DEFAULT_PARAMS, messages, tree });

/** Each fault as "path: message", the way the share route answers it. */
const faults = (data: unknown) => {
  const parsed = CreateShareBodySchema.safeParse(data);
  if (parsed.success) throw new Error("expected the body to be refused");
  return parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("a share's tree of versions", () => {
  it("accepts a tree whose shown path is `messages`, keeping every version", () => {
    const parsed = CreateShareBodySchema.parse(body(twoVersions()));
    expect(Object.keys(parsed.tree!.nodes)).toEqual(["m1", "m2", "m3"]);
    expect(parsed.tree!.nodes.m2.message.content).toBe("Hello!");
    // Without a tree, a share is what it always was.
    expect(CreateShareBodySchema.parse({ ...body(twoVersions()), tree: undefined }).tree).toBeUndefined();
  });

  it("refuses `messages` that are not the tree's shown path", () => {
    expect(faults(body(twoVersions(), [user("Hi"), reply("Hello!")]))).toEqual([
      "messages: messages must be the tree's shown path (from tree.activeRoot along each node's active child)",
    ]);
    expect(faults(body(twoVersions(), [user("Hi")]))).toHaveLength(1);
  });

  it("names ids that are malformed or point at no node", () => {
    const badKey = twoVersions();
    badKey.nodes["__proto__ x"] = { parent: null, children: [], message: user("x") };
    expect(faults(body(badKey))).toContainEqual(expect.stringMatching(/^tree\.nodes\.__proto__ x: .*must be an id of 1 to 128 letters/));

    const ghost = twoVersions();
    ghost.nodes.m1.children.push("ghost");
    expect(faults(body(ghost))).toEqual(['tree.nodes.m1.children.2: no node "ghost" in tree.nodes']);

    const wrongActive = twoVersions();
    wrongActive.nodes.m2.active = "m3";
    expect(faults(body(wrongActive))).toEqual(['tree.nodes.m2.active: "m3" is not one of its children']);

    const disowned = twoVersions();
    disowned.nodes.m1.children = ["m3"];
    expect(faults(body(disowned))).toEqual(['tree.nodes.m2.parent: "m1" does not list "m2" among its children']);

    expect(faults(body({ ...twoVersions(), activeRoot: "m2" }))).toEqual(['tree.activeRoot: "m2" is not one of tree.roots']);
  });

  it("refuses a cycle, and never walks it (the shown path check is skipped)", () => {
    const tree = twoVersions();
    tree.nodes.x = { parent: "y", children: ["y"], active: "y", message: user("x") };
    tree.nodes.y = { parent: "x", children: ["x"], active: "x", message: reply("y") };
    tree.nodes.m3 = { ...tree.nodes.m3, children: [] };
    expect(faults(body(tree))).toEqual([
      'tree.nodes.x.parent: "x" is in a cycle (it is not reached from tree.roots)',
      'tree.nodes.y.parent: "y" is in a cycle (it is not reached from tree.roots)',
    ]);
    // A shown path that loops: refused for its structure before anything follows it.
    const looping = twoVersions();
    looping.nodes.m3 = { ...looping.nodes.m3, children: ["m1"], active: "m1" };
    expect(faults(body(looping)).every((f) => f.startsWith("tree."))).toBe(true);
  });

  it("caps the messages across all versions, and each path, with the limit in the message", () => {
    const wide = twoVersions();
    for (let i = 0; i < MAX_SHARED_TREE_MESSAGES; i++) {
      wide.nodes[`w${i}`] = { parent: "m1", children: [], message: reply(`w${i}`) };
      wide.nodes.m1.children.push(`w${i}`);
    }
    expect(faults(body(wide))).toContainEqual(`tree.nodes: ${(MAX_SHARED_TREE_MESSAGES + 3).toLocaleString("en-US")} messages across all versions: at most 1,000 can be shared`);

    // One long path as the shown one is refused by `messages`' own cap; a long other version by the tree's.
    const deep = twoVersions();
    let parent = "m2";
    for (let i = 0; i < MAX_MESSAGES; i++) {
      const id = `d${i}`;
      deep.nodes[id] = { parent, children: [], message: i % 2 ? reply("r") : user("u") };
      deep.nodes[parent].children.push(id);
      parent = id;
    }
    expect(faults(body(deep))).toEqual([`tree: a path through the versions holds ${MAX_MESSAGES + 2} messages: at most ${MAX_MESSAGES} can be shared`]);
  });

  it("is for a conversation only: not with a comparison's columns or a template", () => {
    const columns = [{ params: DEFAULT_PARAMS, messages: [reply("a")] }, { params: DEFAULT_PARAMS, messages: [reply("b")] }];
    expect(faults({ ...body(twoVersions()), columns })).toEqual(["tree: only a conversation shares its other versions, not a comparison or a template"]);
  });

  it("checks every version's message like the path's", () => {
    const tree = twoVersions();
    tree.nodes.m2.message = { role: "user", content: "x", toolCallId: "call_1" };
    expect(faults(body(tree))).toEqual(["tree.nodes.m2.message.toolCallId: a tool message needs toolCallId, and only a tool message has one"]);
  });
});

describe("a share of blind A/B results", () => {
  const blindAb = {
    settings: [DEFAULT_PARAMS, { ...DEFAULT_PARAMS, temperature: 1.5 }],
    rounds: [
      { index: 0, seed: 7, aIs: 1, pick: "A" },
      { index: 1, seed: 8, aIs: 0 },
    ],
  };
  const abBody = { systemMessage: "", params: DEFAULT_PARAMS, messages: [user("Name a river")], blindAb };

  it("keeps both settings and every round with its order and pick", () => {
    expect(CreateShareBodySchema.parse(abBody).blindAb).toEqual(blindAb);
  });

  it("refuses a pick other than A, B or tie, a third setting, and results mixed with a comparison", () => {
    expect(faults({ ...abBody, blindAb: { ...blindAb, rounds: [{ index: 0, aIs: 0, pick: "C" }] } })[0]).toMatch(/^blindAb\.rounds\.0\.pick: /);
    expect(faults({ ...abBody, blindAb: { ...blindAb, settings: [DEFAULT_PARAMS, DEFAULT_PARAMS, DEFAULT_PARAMS] } })[0]).toMatch(/^blindAb\.settings/);
    expect(faults({ ...abBody, columns: [{ params: DEFAULT_PARAMS, messages: [] }, { params: DEFAULT_PARAMS, messages: [] }] })).toContain(
      "blindAb: blind A/B results are shared on their own, not with a comparison, a template or other versions",
    );
  });

  const side = (version: number, patch: Record<string, unknown> = {}) => ({ version, systemMessage: `Guide, take ${version}.`, turns: [user("Hello"), { role: "assistant", content: "Hi." }], ...patch });
  const versions = { prompt: "City guide", sides: [side(3, { note: "terse", model: "mixtral-b" }), side(5, { options: { responseFormat: { type: "json_object" } } })] };

  it("keeps two saved versions as the sides (names, System Messages, turns, format, model); a share without them still reads as two settings", () => {
    expect(CreateShareBodySchema.parse({ ...abBody, blindAb: { ...blindAb, versions } }).blindAb?.versions).toEqual(versions);
    expect(CreateShareBodySchema.parse(abBody).blindAb?.versions).toBeUndefined();
  });

  it("names each fault of the versions by its path", () => {
    const withVersions = (v: unknown) => faults({ ...abBody, blindAb: { ...blindAb, versions: v } });
    expect(withVersions({ ...versions, sides: [side(3), side(3)] })).toEqual(["blindAb.versions.sides: sides must be two different versions"]);
    expect(withVersions({ ...versions, sides: [side(3)] })[0]).toMatch(/^blindAb\.versions\.sides/);
    expect(withVersions({ ...versions, prompt: "" })).toEqual(["blindAb.versions.prompt: prompt must not be empty"]);
    expect(withVersions({ ...versions, sides: [side(0), side(5)] })).toEqual(["blindAb.versions.sides.0.version: version must be at least 1"]);
    expect(withVersions({ ...versions, sides: [side(3, { systemMessage: undefined }), side(5)] })).toEqual(["blindAb.versions.sides.0.systemMessage: systemMessage must be a text"]);
    expect(withVersions({ ...versions, sides: [side(3, { turns: [{ role: "system", content: "x" }] }), side(5)] })[0]).toMatch(/^blindAb\.versions\.sides\.0\.turns\.0\.role: role must be/);
    expect(withVersions({ ...versions, sides: [side(3, { note: "n".repeat(501) }), side(5)] })).toEqual(["blindAb.versions.sides.0.note: note must be at most 500 characters"]);
    expect(withVersions({ ...versions, sides: [side(3, { label: "prod" }), side(5)] })[0]).toMatch(/^blindAb\.versions\.sides\.0: .*"label"/);
  });
});
