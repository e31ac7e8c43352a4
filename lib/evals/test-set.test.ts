import { describe, expect, it } from "vitest";
import { appendRows, emptyTestSet, followVariables, nextRowNumber, removeRow, replaceRows, rowValuesFor, staleColumns, updateValue, addCheck } from "./test-set";

describe("a test set", () => {
  it("gets rows with fresh ids, never reusing one, and keeps only non-empty values of its columns", () => {
    const first = appendRows(emptyTestSet(["city", "tone"]), [{ city: "Paris", tone: "" }, { city: "Rome", other: "x" }]);
    expect(first.ok && first.set.rows).toEqual([{ id: "r1", values: { city: "Paris" } }, { id: "r2", values: { city: "Rome" } }]);
    const fewer = removeRow(first.ok ? first.set : emptyTestSet([]), "r2");
    expect(nextRowNumber(fewer.rows)).toBe(2);
    const again = appendRows(fewer, [{ city: "Oslo" }]);
    expect(again.ok && again.added).toEqual([{ id: "r2", values: { city: "Oslo" } }]);
  });

  it("adds all rows or none, stating the cap", () => {
    const set = emptyTestSet(["city"]);
    const full = appendRows(set, Array.from({ length: 4_999 }, () => ({ city: "x" })));
    expect(full.ok).toBe(true);
    expect(full.ok && appendRows(full.set, [{ city: "a" }, { city: "b" }])).toEqual({ ok: false, error: "The test set would have 5,001 rows; a test set may have at most 5,000." });
    expect(full.ok && replaceRows(full.set, [{ city: "a" }])).toMatchObject({ ok: true, set: { rows: [{ id: "r1", values: { city: "a" } }] } });
  });

  it("follows the prompt's variables, keeping a dropped variable's column while a row has a value in it", () => {
    const added = appendRows(emptyTestSet(["city", "tone"]), [{ city: "Paris", tone: "formal" }]);
    const set = added.ok ? added.set : emptyTestSet([]);
    expect(followVariables(set, ["city", "length"]).columns).toEqual(["city", "length", "tone"]);
    expect(staleColumns(followVariables(set, ["city", "length"]), ["city", "length"])).toEqual(["tone"]);
    const cleared = updateValue(set, "r1", "tone", "");
    expect(followVariables(cleared, ["city", "length"]).columns).toEqual(["city", "length"]);
    expect(followVariables(set, ["city", "tone"])).toBe(set);
  });

  it("runs a row with its values, else the defaults, and names a variable with neither", () => {
    const row = { id: "r1", values: { city: "Paris" } };
    const specs = [{ name: "city", type: "text" as const }, { name: "tone", type: "text" as const, default: "plain" }, { name: "length", type: "number" as const }];
    expect(rowValuesFor(row, ["city", "tone"], specs)).toEqual({ ok: true, values: { city: "Paris", tone: "plain" } });
    expect(rowValuesFor(row, ["city", "length"], specs)).toEqual({ ok: false, missing: ["length"] });
  });

  it("numbers checks c1, c2… without reusing a taken id", () => {
    const set = addCheck(addCheck(emptyTestSet([]), { kind: "json-valid" }), { kind: "length", max: 3 });
    expect(set.checks.map((c) => c.id)).toEqual(["c1", "c2"]);
  });

  it("treats a variable named __proto__ as a plain column", () => {
    const added = appendRows(emptyTestSet(["__proto__"]), [JSON.parse('{"__proto__": "x"}')]);
    const values = added.ok ? added.set.rows[0].values : {};
    expect(Object.hasOwn(values, "__proto__")).toBe(true);
    expect(rowValuesFor({ id: "r1", values }, ["__proto__"], [])).toEqual({ ok: true, values: JSON.parse('{"__proto__": "x"}') });
  });
});
