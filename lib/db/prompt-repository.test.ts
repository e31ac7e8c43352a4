/**
 * One suite, both databases, real connections: SQLite on a temp file (two connections to it stand
 * for two instances), PostgreSQL on a fresh database of the server in DATABASE_URL (.ci/run sets it).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { repositoryBackends, type OpenedBackend } from "../testing/repository-backends";
import { DEFAULT_PARAMS } from "../params";
import { newPrompt, type PromptContent } from "../prompts/prompt";
import type { TestSet } from "../prompts/prompt-file-test-set";
import { postgresPromptRepository } from "./postgres-prompt-repository";
import type { PromptRepository } from "./prompt-repository";
import { sqlitePromptRepository } from "./sqlite-prompt-repository";

type Opened = OpenedBackend<PromptRepository>;

const backends = repositoryBackends<PromptRepository>({ sqlite: sqlitePromptRepository, postgres: postgresPromptRepository });

const content = (text: string): PromptContent => ({
  systemMessage: text,
  messages: [{ role: "user", content: "About {{topic}}" }],
  params: { ...DEFAULT_PARAMS, seed: 9, stop: ["END"] },
  options: { responseFormat: { type: "json_object" } },
  model: "mistralai-mixtral-8x7b-instruct",
  variables: [{ name: "topic", type: "text", default: "tea" }],
});
const t = (minute: number) => new Date(Date.UTC(2026, 11, 4, 10, minute));

describe.each(backends)("prompt repository on $name", (backend) => {
  let env: Opened;
  let repo: PromptRepository;

  beforeEach(async () => {
    env = await backend.setup();
    repo = await env.open();
  });
  afterEach(() => env.teardown());

  it("stores a prompt with its versions and gives it back equal, only to its owner", async () => {
    const prompt = { ...newPrompt("Guide", content("v1"), { description: "d", note: "first", now: t(0) }), labels: { production: 1 } };
    expect(await repo.insert("key-a", prompt, t(0))).toBe(true);
    expect(await repo.insert("key-a", prompt, t(0))).toBe(false);
    expect(await repo.get("key-a", prompt.id)).toEqual(prompt);
    expect(await repo.get("key-b", prompt.id)).toBeUndefined();
    expect(await repo.list("key-b")).toEqual([]);
    expect(await repo.count("key-a")).toBe(1);
  });

  it("numbers versions in turn, also for saves from two instances at once, and stops at the cap", async () => {
    const prompt = newPrompt("Guide", content("v1"));
    await repo.insert("key-a", prompt, t(0));
    const other = await env.open();
    await Promise.all([repo.addVersion("key-a", prompt.id, content("from one"), "1", t(1), 10), other.addVersion("key-a", prompt.id, content("from two"), "2", t(1), 10)]);
    const saved = await repo.get("key-a", prompt.id);
    expect(saved?.versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(saved?.versions.slice(1).map((v) => v.systemMessage).sort()).toEqual(["from one", "from two"]);
    expect(await repo.addVersion("key-a", prompt.id, content("x"), undefined, t(2), 3)).toBe("full");
    expect(await repo.addVersion("key-b", prompt.id, content("x"), undefined, t(2), 10)).toBe("missing");
  });

  it("lists summaries newest first, patches names and labels, adds only missing versions, and deletes", async () => {
    const a = newPrompt("A", content("a"));
    const b = newPrompt("B", content("b"));
    await repo.insert("key-a", a, t(0));
    await repo.insert("key-a", b, t(1));
    await repo.addVersion("key-a", a.id, content("a2"), undefined, t(2), 10);
    expect((await repo.list("key-a")).map((s) => [s.name, s.versions, s.latestVersion])).toEqual([
      ["A", 2, 2],
      ["B", 1, 1],
    ]);
    expect(await repo.update("key-a", b.id, { name: "B2", description: "about b", labels: { production: 1 } }, t(3))).toMatchObject({ name: "B2", description: "about b", labels: { production: 1 } });
    expect(await repo.update("key-b", b.id, { name: "stolen" }, t(3))).toBeUndefined();
    const incoming = [b.versions[0], { ...b.versions[0], version: 2, systemMessage: "b2" }];
    expect(await repo.insertVersions("key-a", b.id, incoming, t(4))).toBe(1);
    expect((await repo.get("key-a", b.id))?.versions.map((v) => v.systemMessage)).toEqual(["b", "b2"]);
    // Whole, in the same order, each equal to what get gives, and only the owner's.
    await repo.insert("key-b", newPrompt("Not mine", content("x")), t(5));
    const whole = await repo.listWhole("key-a");
    expect(whole.map((p) => p.name)).toEqual(["B2", "A"]);
    expect(whole).toEqual([await repo.get("key-a", b.id), await repo.get("key-a", a.id)]);
    expect(await repo.remove("key-b", a.id)).toBe(false);
    expect(await repo.remove("key-a", a.id)).toBe(true);
    expect((await repo.list("key-a")).map((s) => s.name)).toEqual(["B2"]);
  });

  it("keeps a prompt's test set (on insert and by patch, adding no version), and removes it with null", async () => {
    const testSet: TestSet = {
      columns: ["topic"],
      rows: [
        { id: "r1", values: { topic: "tea, \"green\"\nand black" } },
        { id: "r2", values: {} },
      ],
      checks: [{ id: "c1", kind: "regex", pattern: "^\\w", flags: "i" }],
    };
    const a = { ...newPrompt("With cases", content("a")), testSet };
    await repo.insert("key-a", a, t(0));
    expect(await repo.get("key-a", a.id)).toEqual(a);
    const b = newPrompt("Without", content("b"));
    await repo.insert("key-a", b, t(1));
    expect(await repo.get("key-a", b.id)).not.toHaveProperty("testSet");
    const patched = await repo.update("key-a", b.id, { testSet: { ...testSet, rows: [] } }, t(2));
    expect(patched?.testSet).toEqual({ ...testSet, rows: [] });
    expect(patched?.versions).toHaveLength(1);
    expect((await repo.listWhole("key-a")).map((p) => p.testSet?.rows.length)).toEqual([0, 2]);
    // Another key cannot write it; a name patch leaves it alone; null removes it.
    expect(await repo.update("key-b", a.id, { testSet: null }, t(3))).toBeUndefined();
    expect((await repo.update("key-a", a.id, { name: "Renamed" }, t(3)))?.testSet).toEqual(testSet);
    expect(await repo.update("key-a", a.id, { testSet: null }, t(4))).not.toHaveProperty("testSet");
  });
});
