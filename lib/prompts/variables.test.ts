import { describe, expect, it } from "vitest";
import { fillVariables, missingValues, scanVariables, variableNames } from "./variables";

describe("scanVariables", () => {
  it("finds {{name}} and {{ name }} with their places, in order", () => {
    const text = "Hi {{name}}, from {{ city }}.";
    expect(scanVariables(text).uses).toEqual([
      { name: "name", start: 3, end: 11 },
      { name: "city", start: 18, end: 28 },
    ]);
    expect(scanVariables(text).bad).toEqual([]);
  });

  it("skips \\{{ escapes and reports badly named variables where they stand", () => {
    const { uses, bad } = scanVariables("\\{{not_a_var}} {{2fast}} {{first-name}} {{}} {{ok_1}}");
    expect(uses.map((u) => u.name)).toEqual(["ok_1"]);
    expect(bad.map((b) => [b.text, b.start])).toEqual([
      ["2fast", 15],
      ["first-name", 25],
      ["", 40],
    ]);
    expect(bad[0].message).toMatch(/"2fast" is not a variable name/);
    expect(bad[2].message).toMatch(/needs a variable name/);
  });

  it("does not read across lines, and reads {{{x}}} as a brace around {{x}} (JSON in a prompt)", () => {
    expect(scanVariables("{{a\nb}}").uses).toEqual([]);
    expect(scanVariables('{"v": {{{x}}}}').uses).toEqual([{ name: "x", start: 7, end: 12 }]);
  });
});

describe("variableNames", () => {
  it("lists each name once, in first-appearance order across texts", () => {
    expect(variableNames(["{{b}} {{a}}", "{{a}} {{c}} {{b}}"])).toEqual(["b", "a", "c"]);
  });
});

describe("fillVariables", () => {
  it("replaces every use, turns \\{{ into {{, and leaves bad names as typed", () => {
    expect(fillVariables("{{ who }} met {{who}} in {{place}}; \\{{who}} {{bad-name}}", { who: "Ada", place: "London" })).toBe("Ada met Ada in London; {{who}} {{bad-name}}");
  });

  it("inserts values literally: a value holding {{x}} or $& is not read again", () => {
    expect(fillVariables("[{{a}}]", { a: "{{b}} $& $1", b: "no" })).toBe("[{{b}} $& $1]");
  });

  it("does not take names from Object.prototype", () => {
    expect(fillVariables("{{constructor}}", {})).toBe("{{constructor}}");
  });
});

describe("missingValues", () => {
  it("names the variables with no value or an empty one", () => {
    expect(missingValues(["a", "b", "c"], { a: "1", b: "" })).toEqual(["b", "c"]);
  });
});
