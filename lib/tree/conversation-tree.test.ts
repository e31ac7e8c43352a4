import { describe, expect, it } from "vitest";
import { emptyTree, followPath, mapMessages, messageCount, pathOf, pathTo, showVersion, treeOf, updateMessage, versionsOf } from "./conversation-tree";

type M = { id: string; text: string };
const m = (id: string, text = id): M => ({ id, text });
const ids = (messages: readonly M[]) => messages.map((x) => x.id).join(" ");

describe("the conversation tree", () => {
  it("holds a plain conversation as one path", () => {
    const tree = treeOf([m("u1"), m("a1"), m("u2"), m("a2")]);
    expect(ids(pathOf(tree))).toBe("u1 a1 u2 a2");
    expect(versionsOf(tree, "a1")).toEqual({ position: 1, count: 1 });
    expect(pathOf(emptyTree<M>())).toEqual([]);
  });

  it("keeps a regenerated reply and an edited message as versions, each with its own downstream path", () => {
    let tree = treeOf([m("u1"), m("a1"), m("u2"), m("a2")]);
    // Regenerate a2: a sibling under u2.
    tree = followPath(tree, [...pathOf(tree).slice(0, 3), m("a2b")]);
    expect(ids(pathOf(tree))).toBe("u1 a1 u2 a2b");
    expect(versionsOf(tree, "a2b")).toEqual({ position: 2, count: 2 });
    // Edit u1: a sibling of u1 with a new reply; the old branch is all still there.
    tree = followPath(tree, [m("u1b"), m("a1b")]);
    expect(ids(pathOf(tree))).toBe("u1b a1b");
    expect(versionsOf(tree, "u1b")).toEqual({ position: 2, count: 2 });
    expect(messageCount(tree)).toBe(7);
    // Back to the first u1: its path as it was left, ending with the regenerated reply.
    tree = showVersion(tree, "u1b", -1);
    expect(ids(pathOf(tree))).toBe("u1 a1 u2 a2b");
    tree = showVersion(tree, "a2b", -1);
    expect(ids(pathOf(tree))).toBe("u1 a1 u2 a2");
    // No version past either end.
    expect(showVersion(tree, "a2", -1)).toBe(tree);
    expect(showVersion(tree, "u1", 2)).toBe(tree);
    expect(ids(pathOf(showVersion(tree, "u1", 1)))).toBe("u1b a1b");
  });

  it("updates a message in place, on the path or off it", () => {
    let tree = treeOf([m("u1"), m("a1")]);
    tree = followPath(tree, [m("u1"), m("a1b")]);
    tree = updateMessage(tree, m("a1", "changed off the path"));
    tree = updateMessage(tree, m("a1b", "streamed"));
    expect(pathOf(tree).map((x) => x.text)).toEqual(["u1", "streamed"]);
    expect(pathOf(showVersion(tree, "a1b", -1)).map((x) => x.text)).toEqual(["u1", "changed off the path"]);
    expect(updateMessage(tree, m("unknown"))).toBe(tree);
  });

  it("ends the path where the followed path ends, and copies a message met under another parent", () => {
    let tree = treeOf([m("u1"), m("a1"), m("u2")]);
    tree = followPath(tree, [m("u1")]);
    expect(ids(pathOf(tree))).toBe("u1");
    tree = followPath(tree, [m("u1"), m("u2")]);
    expect(ids(pathOf(tree))).toBe("u1 u2.3");
    expect(versionsOf(tree, "u2.3")).toEqual({ position: 2, count: 2 });
    expect(pathOf(followPath(tree, []))).toEqual([]);
  });

  it("gives the path to any message, and maps every message", () => {
    let tree = treeOf([m("u1"), m("a1"), m("u2"), m("a2")]);
    tree = followPath(tree, [m("u1"), m("a1b")]);
    expect(ids(pathTo(tree, "a2"))).toBe("u1 a1 u2 a2");
    expect(ids(pathTo(tree, "nope"))).toBe("");
    const upper = mapMessages(tree, (x) => ({ ...x, text: x.text.toUpperCase() }));
    expect(pathOf(upper).map((x) => x.text)).toEqual(["U1", "A1B"]);
    expect(pathTo(upper, "a2").map((x) => x.text)).toEqual(["U1", "A1", "U2", "A2"]);
  });

  it("switches a branch of a 500-message, 50-branch conversation without copying the messages", () => {
    let tree = treeOf(Array.from({ length: 10 }, (_, i) => m(`m${i}`)));
    for (let b = 1; b < 50; b++) tree = followPath(tree, [...pathOf(tree).slice(0, 5), ...Array.from({ length: 10 }, (_, i) => m(`b${b}-${i}`))]);
    expect(messageCount(tree)).toBe(500);
    const switched = showVersion(tree, "b49-0", -1);
    expect(pathOf(switched)[5].id).toBe("b48-0");
    expect(switched.nodes["m0"]).toBe(tree.nodes["m0"]);
  });
});
