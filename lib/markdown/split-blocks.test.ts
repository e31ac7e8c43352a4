import { describe, expect, it } from "vitest";
import { splitMarkdownBlocks } from "./split-blocks";

describe("splitMarkdownBlocks", () => {
  it("splits at blank lines but never inside fenced code", () => {
    const md = "# Title\n\nPara one\nstill one\n\n```py\ndef f():\n\n    return 1\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- x\n- y";
    expect(splitMarkdownBlocks(md)).toEqual(["# Title", "Para one\nstill one", "```py\ndef f():\n\n    return 1\n```", "| a | b |\n|---|---|\n| 1 | 2 |", "- x\n- y"]);
  });

  it("keeps an unfinished fence open to the end while streaming", () => {
    expect(splitMarkdownBlocks("Intro\n\n~~~\ncode\n\nmore")).toEqual(["Intro", "~~~\ncode\n\nmore"]);
  });

  it("a longer closing fence closes, a shorter one does not", () => {
    expect(splitMarkdownBlocks("````\na\n```\n\nb\n````\n\nafter")).toEqual(["````\na\n```\n\nb\n````", "after"]);
  });

  it("keeps a $$ display block with a blank line inside in one block", () => {
    expect(splitMarkdownBlocks("Intro\n\n$$\n\\begin{aligned}\na &= b\n\nc &= d\n\\end{aligned}\n$$\n\nafter")).toEqual([
      "Intro",
      "$$\n\\begin{aligned}\na &= b\n\nc &= d\n\\end{aligned}\n$$",
      "after",
    ]);
  });

  it("keeps a $$ block still open while streaming to the end", () => {
    expect(splitMarkdownBlocks("Intro\n\n$$\na\n\nb")).toEqual(["Intro", "$$\na\n\nb"]);
  });

  it("a $$ line inside fenced code is code, and a fence line inside $$ is math", () => {
    expect(splitMarkdownBlocks("```\n$$\n```\n\nafter")).toEqual(["```\n$$\n```", "after"]);
    expect(splitMarkdownBlocks("$$\n```\n\nx\n$$\n\nafter")).toEqual(["$$\n```\n\nx\n$$", "after"]);
  });

  it("inline $$x$$ on a line is no fence", () => {
    expect(splitMarkdownBlocks("the sum $$a$$\n\nafter")).toEqual(["the sum $$a$$", "after"]);
  });
});
