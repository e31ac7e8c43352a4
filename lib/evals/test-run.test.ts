import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "../params";
import type { PromptContent } from "../prompts/prompt";
import { cellKey } from "./results";
import type { CellStatus } from "./run-scheduler";
import { summarizeGrid } from "./summary";
import { resultsCsv } from "./results-csv";
import { cellResultOf, checkCache, gridChecks, planTestRun, pricesOf, runGrid, type RunColumn } from "./test-run";
import type { TestSet } from "./test-set";

const content = (over: Partial<PromptContent> = {}): PromptContent => ({
  systemMessage: "You write about {{topic}} in a {{tone}} tone.",
  messages: [{ role: "user", content: "Go on about {{topic}}." }],
  params: { ...DEFAULT_PARAMS, seed: 1 },
  variables: [{ name: "tone", type: "text", default: "dry" }],
  ...over,
});
const column = (id: string, over: Partial<PromptContent> = {}): RunColumn => ({ id, label: id, prices: null, content: content(over) });
const set: TestSet = {
  columns: ["topic", "tone"],
  rows: [
    { id: "r1", values: { topic: "tea", tone: "warm" } },
    { id: "r2", values: { topic: "rain" } },
    { id: "r3", values: { tone: "loud" } },
  ],
  checks: [{ id: "c1", kind: "regex", pattern: "^\\d+$", flags: "" }],
};

describe("planTestRun", () => {
  it("fills each row into each column's prompt, a default where a value is empty, row by row", () => {
    const plan = planTestRun(set, [column("a"), column("b", { params: { ...DEFAULT_PARAMS, temperature: 1.5 } })]);
    expect(plan.cells.map((c) => c.id)).toEqual([cellKey("r1", "a"), cellKey("r1", "b"), cellKey("r2", "a"), cellKey("r2", "b")]);
    expect(plan.cells[0].body.systemMessage).toBe("You write about tea in a warm tone.");
    expect(plan.cells[0].body.messages).toEqual([{ role: "user", content: "Go on about tea." }]);
    expect(plan.cells[2].body.systemMessage).toBe("You write about rain in a dry tone.");
    expect(plan.cells[3].body.params.temperature).toBe(1.5);
  });

  it("does not send a row with a variable that has neither value nor default, nor a prompt with no message, and says why", () => {
    const plan = planTestRun(set, [column("a"), column("empty", { messages: [] })]);
    expect(plan.blocked.get(cellKey("r3", "a"))).toBe('Not run: no value for "topic" (and no default).');
    expect(plan.blocked.get(cellKey("r1", "empty"))).toMatch(/no message to answer/);
    expect(plan.cells.every((c) => c.columnId === "a" && c.rowId !== "r3")).toBe(true);
  });
});

describe("the run's states as the grid's results", () => {
  const done: CellStatus = { status: "done", outcome: { ok: true, text: "42", usage: { promptTokens: 10, completionTokens: 2 }, firstTokenMs: 120.4, totalMs: 400.6 } };
  const states: Record<string, CellStatus> = {
    [cellKey("r1", "a")]: done,
    [cellKey("r2", "a")]: { status: "done", outcome: { ok: true, text: "forty-two", totalMs: 300 } },
    [cellKey("r3", "a")]: { status: "error", outcome: { ok: false, code: "upstream_error", message: "Upstream failed.", partial: "half" } as never },
  };

  it("maps each state (a running or queued cell has no result yet) and keeps an error's partial text", () => {
    expect(cellResultOf(done, "good")).toEqual({ status: "done", text: "42", usage: { promptTokens: 10, completionTokens: 2 }, firstTokenMs: 120, totalMs: 401, rating: "good" });
    expect(cellResultOf(states[cellKey("r3", "a")])).toEqual({ status: "error", text: "half", error: "Upstream failed." });
    expect(cellResultOf({ status: "stopped" })).toEqual({ status: "stopped", text: "" });
    expect(cellResultOf({ status: "queued" })).toBeUndefined();
    expect(cellResultOf({ status: "running", attempt: 0 })).toBeUndefined();
  });

  it("gives the summary and the CSV the same cells and ratings as the grid, checks computed once per reply", () => {
    const grid = runGrid(set, [column("a")], states, new Map([[cellKey("r2", "a"), "bad" as const]]));
    const cache = checkCache(set.checks);
    const checks = gridChecks(states, cache);
    expect(cache(done.outcome)).toBe(checks.get(cellKey("r1", "a")));
    const [summary] = summarizeGrid(grid, checks);
    expect(summary).toMatchObject({ done: 2, errors: 1, passed: 1, passRate: 0.5, bad: 1, good: 0, completionTokens: 2 });
    const lines = resultsCsv(grid).trim().split("\r\n");
    expect(lines[1]).toContain('tea,warm,42,done,10,2,120,401,,1/1,pass,');
    expect(lines[2]).toContain("forty-two,done,,,,300,,0/1,fail,Bad");
    expect(lines[3]).toContain("half,error: Upstream failed.");
  });
});

describe("pricesOf", () => {
  const models = [{ id: "m1", prices: { inputPerMillion: 1, outputPerMillion: 2 } }, { id: "m2", prices: null }];
  it("uses the page's prices without a model, the server's list with one, and none for a model it does not price", () => {
    const fallback = { inputPerMillion: 0.5, outputPerMillion: 0.5 };
    expect(pricesOf(undefined, models, fallback)).toBe(fallback);
    expect(pricesOf("m1", models, fallback)).toEqual({ inputPerMillion: 1, outputPerMillion: 2 });
    expect(pricesOf("m2", models, fallback)).toBeNull();
    expect(pricesOf("unknown", models, fallback)).toBeNull();
  });
});
