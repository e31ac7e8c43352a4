import { describe, expect, it } from "vitest";
import { compareReproduction, firstDivergence } from "./reply-divergence";

describe("firstDivergence", () => {
  it("calls equal texts identical, and any other text not", () => {
    expect(firstDivergence("Rivers: Nile, Amazon.", "Rivers: Nile, Amazon.")).toEqual({ identical: true });
    expect(firstDivergence("", "")).toEqual({ identical: true });
    expect(firstDivergence("a", "b").identical).toBe(false);
  });

  it("names the first differing word by its 1-based place in the shared reply, punctuation counted as words", () => {
    expect(firstDivergence("The quick brown fox jumps", "The quick red fox jumps")).toEqual({ identical: false, word: 3, shared: "brown", reproduced: "red", spacingOnly: false });
    // "Hello" "," "world" "!": the exclamation mark is word 4.
    expect(firstDivergence("Hello, world!", "Hello, world?")).toMatchObject({ word: 4, shared: "!", reproduced: "?" });
    expect(firstDivergence("x", "y")).toMatchObject({ word: 1, shared: "x", reproduced: "y" });
    // A word that only grew is still that word.
    expect(firstDivergence("one two", "one twofold")).toMatchObject({ word: 2, shared: "two", reproduced: "twofold" });
  });

  it("says which text ended first", () => {
    expect(firstDivergence("one two three", "one two")).toEqual({ identical: false, word: 3, shared: "three", reproduced: null, spacingOnly: false });
    expect(firstDivergence("one", "one more")).toMatchObject({ word: 2, shared: null, reproduced: "more" });
  });

  it("tells a difference of spaces and line breaks only, naming the word after it", () => {
    expect(firstDivergence("alpha beta\ngamma", "alpha beta\n\ngamma")).toEqual({ identical: false, word: 3, shared: "gamma", reproduced: "gamma", spacingOnly: true });
    expect(firstDivergence("alpha beta", "alpha beta ")).toMatchObject({ word: 3, shared: null, reproduced: null, spacingOnly: true });
    expect(firstDivergence("alpha beta", "alphabeta")).toMatchObject({ spacingOnly: false });
  });

  it("counts words in scripts without spaces and keeps emoji whole", () => {
    expect(firstDivergence("我喜欢猫", "我喜欢狗")).toMatchObject({ identical: false, shared: expect.stringContaining("猫"), reproduced: expect.stringContaining("狗") });
    expect(firstDivergence("ok 👨‍👩‍👧 done", "ok 👍 done")).toMatchObject({ word: 2, shared: "👨‍👩‍👧", reproduced: "👍" });
  });

  it("matches a reproduction that runs past a stopped shared reply, and a stopped reproduction that matched so far", () => {
    expect(firstDivergence("The river", "The river Nile flows", { sharedStopped: true })).toEqual({ identical: true });
    expect(firstDivergence("The river", "The lake flows", { sharedStopped: true })).toMatchObject({ word: 2 });
    expect(firstDivergence("The river Nile flows", "The river", { reproductionStopped: true })).toEqual({ identical: true });
    expect(firstDivergence("The river Nile flows", "The lake", { reproductionStopped: true })).toMatchObject({ word: 2, shared: "river", reproduced: "lake" });
    // Stopped inside a word: still a match so far.
    expect(firstDivergence("The river Nile flows", "The river Ni", { reproductionStopped: true })).toEqual({ identical: true });
    expect(firstDivergence("The river Ni", "The river Nile flows", { sharedStopped: true })).toEqual({ identical: true });
  });
});

describe("compareReproduction", () => {
  it("gives no diff when identical, and the word diff of both replies when not", () => {
    expect(compareReproduction("same words", "same words")).toEqual({ divergence: { identical: true }, parts: [] });
    expect(compareReproduction("The quick brown fox", "The quick red fox").parts).toEqual([
      { text: "The quick ", kind: "same" },
      { text: "brown", kind: "removed" },
      { text: "red", kind: "added" },
      { text: " fox", kind: "same" },
    ]);
  });

  it("sets a stopped reproduction against as much of the share as it reached, not the share's rest", () => {
    const { parts } = compareReproduction("The river Nile flows north to the sea", "The lake Nile", { reproductionStopped: true });
    expect(parts).toEqual([
      { text: "The ", kind: "same" },
      { text: "river", kind: "removed" },
      { text: "lake", kind: "added" },
      { text: " Nile", kind: "same" },
    ]);
  });
});
