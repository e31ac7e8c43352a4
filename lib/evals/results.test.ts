import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { TestSet } from "../prompts/prompt-file-test-set";
import { parseDelimited } from "./parse-delimited";
import { cellKey, type CellResult, type ResultGrid } from "./results";
import { resultsCsv, resultsCsvHeader } from "./results-csv";
import { percentile, summarizeGrid } from "./summary";
import { testSetCsv } from "./test-set-csv";

const testSet: TestSet = {
  columns: ["city", "tone"],
  rows: [
    { id: "r1", values: { city: "Paris", tone: "formal" } },
    { id: "r2", values: { city: 'Rome, "eternal"\ncity' } },
    { id: "r3", values: { city: "=HYPERLINK(\"http://x\")", tone: " spaced " } },
  ],
  checks: [
    { id: "c1", kind: "contains", text: "visit", caseSensitive: false },
    { id: "c2", kind: "tokens", max: 100 },
  ],
};

const prices = { inputPerMillion: 0.5, outputPerMillion: 1.5 };

function grid(): ResultGrid {
  const cells = new Map<string, CellResult>([
    [cellKey("r1", "v1"), { status: "done", text: "Visit the Louvre, then eat.", usage: { promptTokens: 100, completionTokens: 50 }, firstTokenMs: 200, totalMs: 1000, rating: "good" }],
    [cellKey("r2", "v1"), { status: "done", text: "Rome, \"eternal\",\nhas pasta", usage: { promptTokens: 100, completionTokens: 150 }, firstTokenMs: 300, totalMs: 3000, rating: "bad" }],
    [cellKey("r3", "v1"), { status: "error", text: "", error: "The upstream answered 500.", usage: { promptTokens: 100, completionTokens: 0 } }],
    [cellKey("r1", "v2"), { status: "done", text: "You should visit.", usage: { promptTokens: 80, completionTokens: 20 }, firstTokenMs: 100, totalMs: 500 }],
    [cellKey("r2", "v2"), { status: "stopped", text: "Ro", usage: { promptTokens: 80, completionTokens: 1 } }],
  ]);
  return { testSet, columns: [{ id: "v1", label: "Version 1", prices }, { id: "v2", label: "Version 2", prices: null }], cells };
}

describe("the summary row", () => {
  it("gives pass rate over finished replies, ratings, mean and p90 time, tokens and cost per column", () => {
    const [v1, v2] = summarizeGrid(grid());
    expect(v1).toEqual({
      columnId: "v1",
      rows: 3,
      done: 2,
      errors: 1,
      passed: 1,
      passRate: 0.5,
      checkPasses: [{ checkId: "c1", passed: 1 }, { checkId: "c2", passed: 1 }],
      good: 1,
      bad: 1,
      meanMs: 2000,
      p90Ms: 3000,
      meanFirstTokenMs: 250,
      promptTokens: 300,
      completionTokens: 200,
      cost: expect.closeTo((300 * 0.5 + 200 * 1.5) / 1_000_000, 12),
    });
    expect(v2).toMatchObject({ done: 1, errors: 0, passed: 1, passRate: 1, promptTokens: 160, completionTokens: 21, cost: null, meanMs: 500, p90Ms: 500 });
  });

  it("has no pass rate without checks", () => {
    expect(summarizeGrid({ ...grid(), testSet: { ...testSet, checks: [] } })[0].passRate).toBeNull();
  });

  it("takes the nearest-rank percentile", () => {
    expect(percentile([], 90)).toBeNull();
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11], 90)).toBe(10);
  });
});

describe("the results CSV", () => {
  it("holds the grid: values, then each column's reply, numbers, checks and rating, escaped so a reader gets them back", () => {
    const csv = resultsCsv(grid());
    const parsed = Papa.parse<string[]>(csv.trimEnd(), { header: false });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(resultsCsvHeader(grid()));
    expect(header.slice(0, 13)).toEqual([
      "city", "tone",
      "Version 1: reply", "Version 1: status", "Version 1: prompt tokens", "Version 1: reply tokens", "Version 1: first token ms", "Version 1: total ms", "Version 1: cost USD", "Version 1: checks",
      'Version 1: check: contains "visit" (any case)', "Version 1: check: at most 100 tokens", "Version 1: rating",
    ]);
    expect(rows[0].slice(0, 13)).toEqual(["Paris", "formal", "Visit the Louvre, then eat.", "done", "100", "50", "200", "1000", String((100 * 0.5 + 50 * 1.5) / 1e6), "2/2", "pass", "pass", "Good"]);
    expect(rows[1].slice(0, 13)).toEqual(['Rome, "eternal"\ncity', "", 'Rome, "eternal",\nhas pasta', "done", "100", "150", "300", "3000", String((100 * 0.5 + 150 * 1.5) / 1e6), "0/2", "fail", "fail", "Bad"]);
    expect(rows[2].slice(2, 13)).toEqual(["", "error: The upstream answered 500.", "100", "0", "", "", String(50 / 1e6), "", "", "", ""]);
    // A cell never run is empty; a stopped one shows what came.
    expect(rows[2].slice(13)).toEqual(Array(11).fill(""));
    expect(rows[1].slice(13, 17)).toEqual(["Ro", "stopped", "80", "1"]);
    expect(csv).toContain("\r\n");
  });

  it("keeps a formula-like value as it is, or makes it inert on request", () => {
    expect(resultsCsv(grid())).toContain('"=HYPERLINK(""http://x"")"');
    expect(resultsCsv(grid(), { spreadsheetSafe: true })).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(resultsCsv(grid(), { bom: true }).startsWith("\uFEFFcity,")).toBe(true);
  });
});

describe("the test set CSV", () => {
  it("reads back through the CSV import exactly, quotes and new lines included", () => {
    const csv = testSetCsv(testSet);
    expect(parseDelimited(csv, ["city", "tone"])).toEqual({
      ok: true,
      format: "csv",
      columns: ["city", "tone"],
      rows: [{ city: "Paris", tone: "formal" }, { city: 'Rome, "eternal"\ncity', tone: "" }, { city: '=HYPERLINK("http://x")', tone: " spaced " }],
    });
  });

  it("keeps an empty value of a one-column set as a row (quoted, not a blank line)", () => {
    const set: TestSet = { columns: ["q"], rows: [{ id: "r1", values: { q: "a" } }, { id: "r2", values: {} }, { id: "r3", values: { q: "b" } }], checks: [] };
    const csv = testSetCsv(set);
    expect(csv).toBe('q\r\na\r\n""\r\nb\r\n');
    expect(parseDelimited(csv, ["q"])).toMatchObject({ ok: true, rows: [{ q: "a" }, { q: "" }, { q: "b" }] });
  });
});
