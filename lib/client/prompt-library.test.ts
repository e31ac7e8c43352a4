import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "../params";
import { listingOf } from "../prompts/listing";
import { newPrompt, type PromptContent } from "../prompts/prompt";
import { createBrowserPromptLibrary } from "./prompt-library";

const content = (text: string): PromptContent => ({ systemMessage: text, messages: [{ role: "user", content: "Hi {{name}}" }], params: { ...DEFAULT_PARAMS, seed: 3 }, variables: [{ name: "name", type: "text" }] });
let databases = 0;
const fresh = () => createBrowserPromptLibrary(`test-prompts-${databases++}`);

describe("the browser prompt library (IndexedDB)", () => {
  it("keeps prompts and their versions, newest saved first", async () => {
    const library = fresh();
    const a = await library.create("A", content("a1"), { note: "first" });
    await library.create("B", content("b1"));
    await new Promise((r) => setTimeout(r, 5));
    await library.addVersion(a.id, content("a2"), "second");
    const listed = await library.list();
    expect(listed.map((p) => p.name)).toEqual(["A", "B"]);
    expect(listed[0].versions.map((v) => [v.version, v.systemMessage, v.note])).toEqual([
      [1, "a1", "first"],
      [2, "a2", "second"],
    ]);
    // Another library object on the same database (another tab) reads the same.
    expect(await createBrowserPromptLibrary(`test-prompts-${databases - 1}`).get(a.id)).toEqual(listed[0]);
  });

  it("keeps both versions when two tabs save the same prompt at once", async () => {
    const name = `test-prompts-${databases++}`;
    const [tab1, tab2] = [createBrowserPromptLibrary(name), createBrowserPromptLibrary(name)];
    const prompt = await tab1.create("Shared", content("v1"));
    await Promise.all([tab1.addVersion(prompt.id, content("from tab 1")), tab2.addVersion(prompt.id, content("from tab 2"))]);
    const saved = await tab1.get(prompt.id);
    expect(saved?.versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(saved?.versions.slice(1).map((v) => v.systemMessage).sort()).toEqual(["from tab 1", "from tab 2"]);
    // And two new prompts at once: the list (one record for all) keeps both.
    await Promise.all([tab1.create("From tab 1", content("1")), tab2.create("From tab 2", content("2"))]);
    expect((await tab2.listings()).map((l) => l.name).sort()).toEqual(["From tab 1", "From tab 2", "Shared"]);
    expect((await tab1.listings()).find((l) => l.id === prompt.id)?.versions).toBe(3);
  });

  it("labels, renames and deletes, and tells subscribers", async () => {
    const library = fresh();
    const heard: string[] = [];
    library.subscribe(() => heard.push("changed"));
    const prompt = await library.create("A", content("1"));
    await library.setLabel(prompt.id, "production", 1);
    await library.rename(prompt.id, "Renamed", "about it");
    expect(await library.get(prompt.id)).toMatchObject({ name: "Renamed", description: "about it", labels: { production: 1 } });
    await library.setLabel(prompt.id, "production", null);
    await library.remove(prompt.id);
    expect(await library.list()).toEqual([]);
    expect(heard).toHaveLength(5);
    await expect(library.addVersion(prompt.id, content("2"))).rejects.toThrow(/no longer in the library/);
  });

  it("imports all of a file or nothing", async () => {
    const library = fresh();
    const mine = await library.create("A", content("1"));
    const merged = await library.importPrompts([{ ...mine, versions: [...mine.versions, { ...mine.versions[0], version: 2, systemMessage: "2" }] }]);
    expect(merged).toMatchObject({ ok: true, report: { versionsAdded: 1, versionsSkipped: 1 } });
    expect((await library.get(mine.id))?.versions).toHaveLength(2);
  });
});

describe("the library's listings", () => {
  it("are written with each change, so the list never reads versions", async () => {
    const library = fresh();
    const a = await library.create("Alpha", content("first system"), { description: "About A" });
    await library.create("Beta", content("b"));
    await new Promise((r) => setTimeout(r, 5));
    await library.addVersion(a.id, content("Second SYSTEM"));
    await library.setLabel(a.id, "production", 1);
    let listings = await library.listings();
    expect(listings.map((l) => [l.name, l.versions, l.latestVersion, l.labels])).toEqual([
      ["Alpha", 2, 2, { production: 1 }],
      ["Beta", 1, 1, {}],
    ]);
    expect(listings[0].searchText).toBe("alpha\nabout a\nsecond system");
    await library.rename(a.id, "Renamed");
    await library.remove((await library.list())[1].id);
    listings = await library.listings();
    expect(listings.map((l) => l.name)).toEqual(["Renamed"]);
  });

  it("are built for a library saved before they existed (one store, as idb-keyval kept it)", async () => {
    const name = `test-prompts-${databases++}`;
    const old = newPrompt("Saved last year", content("old text"));
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore("prompts").put(old, old.id);
      request.onsuccess = () => (request.result.close(), resolve());
      request.onerror = () => reject(request.error);
    });
    const library = createBrowserPromptLibrary(name);
    expect(await library.listings()).toEqual([listingOf(old)]);
    expect(await library.get(old.id)).toEqual(old);
  });

  it("say so when a tab from before the update holds the old library open, and open once it lets go", async () => {
    const name = `test-prompts-${databases++}`;
    const oldTab: IDBDatabase = await new Promise((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore("prompts");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const library = createBrowserPromptLibrary(name);
    await expect(library.listings()).rejects.toThrow(/Another tab of this playground.*reload or close it/);
    oldTab.close();
    await new Promise((r) => setTimeout(r, 10));
    expect(await library.listings()).toEqual([]);
  });

  it("keep no trace of a refused change", async () => {
    const library = fresh();
    const a = await library.create("A", content("1"));
    const tooMany = Array.from({ length: 200 }, (_, i) => ({ ...a.versions[0], version: i + 2 }));
    const refused = await library.importPrompts([{ ...a, versions: tooMany }, newPrompt("New", content("n"))]);
    expect(refused.ok).toBe(false);
    await expect(library.addVersion("pr_missing", content("x"))).rejects.toThrow(/no longer in the library/);
    expect((await library.listings()).map((l) => l.id)).toEqual([a.id]);
    expect(await library.list()).toEqual([a]);
  });

  it("keeps a prompt's test set without adding a version, and removes it with null", async () => {
    const library = fresh();
    const prompt = await library.create("Cases", content("v1"));
    const testSet = { columns: ["name"], rows: [{ id: "r1", values: { name: "Ada" } }], checks: [{ id: "c1", kind: "contains" as const, text: "Ada", caseSensitive: false }] };
    const saved = await library.setTestSet(prompt.id, testSet);
    expect(saved.versions).toHaveLength(1);
    expect((await library.get(prompt.id))?.testSet).toEqual(testSet);
    expect(await library.setTestSet(prompt.id, null)).not.toHaveProperty("testSet");
    expect(await library.get(prompt.id)).not.toHaveProperty("testSet");
  });
});

