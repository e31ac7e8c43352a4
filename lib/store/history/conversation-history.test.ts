import "fake-indexeddb/auto";
import { openDB } from "idb";
import { describe, expect, it } from "vitest";
import { followPath, treeOf } from "../../tree/conversation-tree";
import type { UiMessage } from "../ui-message";
import { createConversationHistory } from "./conversation-history";
import { searchConversations, titleOf } from "./conversation-listing";

let databases = 0;
const fresh = (max?: number) => createConversationHistory(`test-history-${databases++}`, max ? { max } : {});
const user = (id: string, content: string): UiMessage => ({ id, role: "user", content });
const reply = (id: string, content: string): UiMessage => ({ id, role: "assistant", content, state: "done" });
const saved = (id: string, question: string, minute: number) => ({ id, tree: treeOf([user(`${id}u`, question), reply(`${id}a`, `Answer to ${question}`)]), model: "mixtral", updatedAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString() });

describe("the conversation history (IndexedDB)", () => {
  it("lists conversations newest first with title, model and every branch's message count", async () => {
    const history = fresh();
    await history.save(saved("a", "How do tides work on Earth and on other planets with moons?", 1));
    const b = saved("b", "Explain quantum computing", 2);
    await history.save({ ...b, tree: followPath(b.tree, [user("bu", "Explain quantum computing"), reply("ba2", "Another answer")]) });
    expect(await history.listings()).toEqual([
      { id: "b", title: "Explain quantum computing", updatedAt: b.updatedAt, model: "mixtral", messageCount: 3 },
      { id: "a", title: "How do tides work on Earth and on…", updatedAt: saved("a", "", 1).updatedAt, model: "mixtral", messageCount: 2 },
    ]);
    expect((await history.get("b"))?.tree.nodes["ba2"].message.content).toBe("Another answer");
  });

  it("searches titles, and every message's text once read", async () => {
    const history = fresh();
    await history.save(saved("a", "Tides", 1));
    await history.save(saved("b", "Quantum", 2));
    const listings = await history.listings();
    expect(searchConversations(listings, undefined, "quant").map((l) => l.id)).toEqual(["b"]);
    expect(searchConversations(listings, undefined, "ANSWER TO TIDES")).toEqual([]);
    expect(searchConversations(listings, await history.searchTexts(), "ANSWER TO TIDES").map((l) => l.id)).toEqual(["a"]);
    expect(searchConversations(listings, undefined, " ")).toBe(listings);
  });

  it("keeps a title the user gave as the conversation changes", async () => {
    const history = fresh();
    await history.save(saved("a", "Tides", 1));
    await history.rename("a", "My tides notes");
    await history.save(saved("a", "Tides, asked again", 3));
    expect(await history.listings()).toMatchObject([{ id: "a", title: "My tides notes", named: true, updatedAt: saved("a", "", 3).updatedAt }]);
  });

  it("deletes with undo", async () => {
    const history = fresh();
    await history.save(saved("a", "Tides", 1));
    const removed = await history.remove("a");
    expect(await history.listings()).toEqual([]);
    expect(await history.get("a")).toBeUndefined();
    expect(await history.remove("a")).toBeUndefined();
    await history.restore(removed!);
    expect((await history.listings()).map((l) => l.title)).toEqual(["Tides"]);
    expect(await history.get("a")).toEqual(saved("a", "Tides", 1));
    expect((await history.searchTexts()).a).toContain("answer to tides");
  });

  it("stays within its bound: a new conversation beyond it drops the oldest, and says which", async () => {
    const history = fresh(2);
    await history.save(saved("a", "Oldest", 1));
    await history.save(saved("b", "Middle", 2));
    expect(await history.save(saved("b", "Middle, changed", 3))).toEqual({});
    expect(await history.save(saved("c", "Newest", 4))).toEqual({ dropped: "Oldest" });
    expect((await history.listings()).map((l) => l.id)).toEqual(["c", "b"]);
    expect(await history.get("a")).toBeUndefined();
    expect(await history.dropped()).toBe("Oldest");
    await history.forgetDropped();
    expect(await history.dropped()).toBeUndefined();
  });

  it("titles an empty conversation", () => {
    expect(titleOf(treeOf([]))).toBe("Untitled conversation");
  });

  it("reads a history saved in layout 1 (every text in one index record): the texts move to their own records", async () => {
    const name = `test-history-${databases++}`;
    const old = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore("conversations");
        db.createObjectStore("index");
      },
    });
    const a = saved("a", "Tides", 1);
    await old.put("conversations", a, "a");
    await old.put("index", [{ id: "a", title: "Tides", updatedAt: a.updatedAt, model: "mixtral", messageCount: 2 }], "listings");
    await old.put("index", { a: "tides answer to tides" }, "texts");
    old.close();

    const history = createConversationHistory(name);
    expect(await history.searchTexts()).toEqual({ a: "tides answer to tides" });
    expect((await history.listings()).map((l) => l.id)).toEqual(["a"]);
    await history.save(saved("b", "Quantum", 2));
    expect(Object.keys(await history.searchTexts()).sort()).toEqual(["a", "b"]);
    await history.remove("a");
    expect(Object.keys(await history.searchTexts())).toEqual(["b"]);
  });

  it("drops the oldest conversation's text with it", async () => {
    const history = fresh(2);
    for (const [i, id] of ["a", "b", "c"].entries()) await history.save(saved(id, `Question ${id}`, i));
    expect(Object.keys(await history.searchTexts()).sort()).toEqual(["b", "c"]);
  });
});
