import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "../params";
import { describeMerge, mergePrompts } from "./merge";
import { newPrompt, withNewVersion, type PromptContent } from "./prompt";

const content = (text: string): PromptContent => ({ systemMessage: text, messages: [], params: DEFAULT_PARAMS, variables: [] });

describe("mergePrompts", () => {
  it("adds new prompts, adds the versions a known prompt lacks and skips the ones it has", () => {
    const mine = newPrompt("Guide", content("v1"), { id: "prompt_guide" });
    const theirs = withNewVersion(withNewVersion(mine, content("v2"), "two"), content("v3"), "three");
    const other = newPrompt("Other", content("x"));
    const merged = mergePrompts([mine], [theirs, other]);
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(merged.prompts.map((p) => [p.name, p.versions.map((v) => v.version)])).toEqual([
      ["Guide", [1, 2, 3]],
      ["Other", [1]],
    ]);
    expect(merged.report).toMatchObject({ added: ["Other"], versionsAdded: 2, versionsSkipped: 1 });
  });

  it("never overwrites: a same-numbered version keeps the library's text, a taken name gets a suffix, a set label stays", () => {
    const mine = { ...newPrompt("Guide", content("mine"), { id: "prompt_guide" }), labels: { production: 1 } };
    const theirs = { ...withNewVersion(newPrompt("Guide", content("theirs"), { id: "prompt_guide" }), content("theirs 2"), undefined), labels: { production: 2, beta: 2 } };
    const stranger = newPrompt("Guide", content("a stranger"));
    const merged = mergePrompts([mine], [theirs, stranger]);
    if (!merged.ok) throw new Error(merged.error);
    const guide = merged.prompts[0];
    expect(guide.versions.map((v) => v.systemMessage)).toEqual(["mine", "theirs 2"]);
    expect(guide.labels).toEqual({ production: 1, beta: 2 });
    expect(merged.prompts[1].name).toBe("Guide (2)");
    expect(describeMerge(merged.report)).toBe('1 prompt added; 1 new version; 1 version already here; renamed: "Guide" → "Guide (2)"; labels kept as they were: Guide/production.');
  });

  it("merges nothing when the result would pass the caps, and says the limit", () => {
    const many = Array.from({ length: 1000 }, (_, i) => newPrompt(`p${i}`, content("x")));
    expect(mergePrompts(many, [newPrompt("one more", content("x"))])).toEqual({ ok: false, error: "The library would hold 1,001 prompts; it may hold at most 1,000." });
  });

  it("is idempotent: importing the same file twice adds nothing the second time", () => {
    const file = [withNewVersion(newPrompt("A", content("1")), content("2"), undefined)];
    const once = mergePrompts([], file);
    if (!once.ok) throw new Error(once.error);
    const twice = mergePrompts(once.prompts, file);
    expect(twice.ok && twice.prompts).toEqual(once.prompts);
    expect(twice.ok && describeMerge(twice.report)).toBe("2 versions already here.");
  });

  it("adds a file's test set to a known prompt without one, and never replaces the library's", () => {
    const set = (value: string) => ({ columns: ["topic"], rows: [{ id: "r1", values: { topic: value } }], checks: [] });
    const bare = newPrompt("Bare", content("v1"), { id: "prompt_bare" });
    const kept = { ...newPrompt("Kept", content("v1"), { id: "prompt_kept" }), testSet: set("mine") };
    const merged = mergePrompts([bare, kept], [{ ...bare, testSet: set("file") }, { ...kept, testSet: set("file") }]);
    expect(merged.ok && merged.prompts.map((p) => p.testSet?.rows[0].values.topic)).toEqual(["file", "mine"]);
  });
});

