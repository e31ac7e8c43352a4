import { describe, expect, it } from "vitest";
import { segmentWords, sideOf, wordDiff } from "./word-diff";

const rebuild = (parts: ReturnType<typeof wordDiff>, side: "first" | "second") => sideOf(parts, side).map((p) => p.text).join("");

describe("wordDiff", () => {
  it("marks whole words, not letters", () => {
    expect(wordDiff("The quick brown fox", "The quick red fox")).toEqual([
      { text: "The quick ", kind: "same" },
      { text: "brown", kind: "removed" },
      { text: "red", kind: "added" },
      { text: " fox", kind: "same" },
    ]);
  });

  it("treats punctuation as its own token", () => {
    expect(wordDiff("Hello, world!", "Hello world?")).toEqual([
      { text: "Hello", kind: "same" },
      { text: ",", kind: "removed" },
      { text: " world", kind: "same" },
      { text: "!", kind: "removed" },
      { text: "?", kind: "added" },
    ]);
  });

  it("handles accents, CJK without spaces and emoji sequences as units", () => {
    expect(segmentWords("café naïve")).toEqual(["café", " ", "naïve"]);
    // A family emoji is one grapheme made of several code points: never split in half.
    const family = "👨‍👩‍👧";
    const parts = wordDiff(`ok ${family} done`, "ok 👍 done");
    expect(parts.find((p) => p.kind === "removed")?.text).toBe(family);
    expect(parts.find((p) => p.kind === "added")?.text).toBe("👍");
    const cjk = wordDiff("我喜欢猫", "我喜欢狗");
    expect(rebuild(cjk, "first")).toBe("我喜欢猫");
    expect(rebuild(cjk, "second")).toBe("我喜欢狗");
    expect(cjk.some((p) => p.kind === "same" && p.text.startsWith("我"))).toBe(true);
  });

  it("rebuilds both texts exactly from its parts, whatever they hold", () => {
    const a = "Line one.\n\n- item *one*\n- item two\n```js\nx = 1;\n```\n";
    const b = "Line one!\n\n- item *uno*\n- item two\n- item three\n```js\nx = 2;\n```";
    const parts = wordDiff(a, b);
    expect(rebuild(parts, "first")).toBe(a);
    expect(rebuild(parts, "second")).toBe(b);
  });

  it("copes with long runs: identical, wholly different, and a long shared middle", () => {
    const long = "word ".repeat(5_000);
    expect(wordDiff(long, long)).toEqual([{ text: long, kind: "same" }]);
    const other = "other ".repeat(3_000);
    const parts = wordDiff(long, other);
    expect(rebuild(parts, "first")).toBe(long);
    expect(rebuild(parts, "second")).toBe(other);
    const edited = `start ${long}end`;
    expect(wordDiff(`begin ${long}finish`, edited)).toEqual([
      { text: "begin", kind: "removed" },
      { text: "start", kind: "added" },
      { text: ` ${long}`, kind: "same" },
      { text: "finish", kind: "removed" },
      { text: "end", kind: "added" },
    ]);
  });

  it("handles empty texts", () => {
    expect(wordDiff("", "")).toEqual([]);
    expect(wordDiff("", "new")).toEqual([{ text: "new", kind: "added" }]);
    expect(wordDiff("old", "")).toEqual([{ text: "old", kind: "removed" }]);
  });
});

describe("wordDiff on unrelated long replies", () => {
  it("stays fast by marking the unshared middle as one change", () => {
    const a = Array.from({ length: 3_000 }, (_, i) => `alpha${i % 97}`).join(" ");
    const b = Array.from({ length: 3_000 }, (_, i) => `beta${i % 89}`).join(" ");
    const parts = wordDiff(`Same start. ${a} same end.`, `Same start. ${b} same end.`);
    expect(parts.map((p) => p.kind)).toEqual(["same", "removed", "added", "same"]);
    expect(parts[0].text).toBe("Same start. ");
    expect(parts[3].text).toBe(" same end.");
  });
});
