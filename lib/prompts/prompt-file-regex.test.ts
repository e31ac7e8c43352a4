import { describe, expect, it } from "vitest";
import { regexProblem } from "./prompt-file-regex";

describe("a regex check's pattern", () => {
  it("is accepted when it compiles and has no nested unbounded repetition", () => {
    for (const pattern of ["^\\d+$", "(https?://)?\\w+", "(\\d{3}-){2}\\d{4}", "a+b*c?", "(?:foo|bar)+", "[(+*)]+", "\\(a+\\)+", "(?<year>\\d{4})-(?<month>\\d\\d)", "(a+)?", "(ab){2,5}"]) {
      expect(regexProblem(pattern, ""), pattern).toBeNull();
    }
  });

  it("reports the compiler's error where the pattern is typed", () => {
    expect(regexProblem("(unclosed", "")).toMatch(/Unterminated group/);
    expect(regexProblem("a{2,1}", "")).toMatch(/out of order/);
  });

  it("refuses the exponential shapes, naming the repeated group", () => {
    expect(regexProblem("(a+)+$", "")).toBe('"(a+)+" repeats a group that itself repeats without bound, which can take exponential time; write it without the outer repetition');
    expect(regexProblem("^(\\w+\\s?)*$", "")).toMatch(/^"\(\\w\+\\s\?\)\*" repeats/);
    expect(regexProblem("((ab)*c){2,}", "")).toMatch(/^"\(\(ab\)\*c\)\{2,\}" repeats/);
    expect(regexProblem("((a+)b)+", "")).toMatch(/repeats a group/);
    // A bounded outer repetition of an unbounded group, inside an unbounded one.
    expect(regexProblem("((a+){2})*", "")).toMatch(/repeats a group/);
  });

  it("takes only the flags i, m, s and u, once each, and caps the length", () => {
    expect(regexProblem("a", "imsu")).toBeNull();
    expect(regexProblem("a", "g")).toBe('"g" is not a flag a check may use (use i, m, s, u)');
    expect(regexProblem("a", "ii")).toBe("a flag is given twice");
    expect(regexProblem("", "")).toBe("the pattern is empty");
    expect(regexProblem("a".repeat(1001), "")).toBe("the pattern must be at most 1,000 characters");
  });
});
