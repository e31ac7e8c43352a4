import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { cellKey } from "@/lib/evals/results";
import { createRunScheduler, type CellOutcome } from "@/lib/evals/run-scheduler";
import { checkCache, planTestRun, type RunCell, type RunColumn } from "@/lib/evals/test-run";
import type { TestSet } from "@/lib/evals/test-set";
import { DEFAULT_PARAMS } from "@/lib/params";
import type { CellContext } from "./test-cases-cell";
import { TestCasesGrid } from "./test-cases-grid";
import { createExpandedCells } from "./expanded-cells";
import { createRatingsStore } from "./test-cases-ratings";

const set: TestSet = {
  columns: ["topic"],
  rows: [
    { id: "r1", values: { topic: "tea" } },
    { id: "r2", values: { topic: "rain" } },
    { id: "r3", values: { topic: "snow" } },
    { id: "r4", values: {} },
  ],
  checks: [{ id: "c1", kind: "regex", pattern: "^\\d+$", flags: "" }],
};
const column: RunColumn = {
  id: "current",
  label: "Current settings",
  prices: { inputPerMillion: 1, outputPerMillion: 1 },
  content: { systemMessage: "About {{topic}}", messages: [{ role: "user", content: "Go" }], params: DEFAULT_PARAMS, variables: [] },
};

describe("the test cases grid, rendered", () => {
  it("shows each cell's state in words, checks as Pass/Fail text, ratings as pressed buttons, why a row is not run, and the summary", async () => {
    // One stream at once: row 1 answers, row 2 then runs and never ends, row 3 waits.
    const stream = (cell: RunCell): Promise<CellOutcome> =>
      cell.rowId === "r1" ? Promise.resolve({ ok: true, text: "tea is 42 things", usage: { promptTokens: 5, completionTokens: 4 }, firstTokenMs: 80, totalMs: 1500 }) : new Promise<CellOutcome>(() => {});
    const scheduler = createRunScheduler<RunCell>({ stream, concurrency: 1 });
    const plan = planTestRun(set, [column]);
    scheduler.start(plan.cells);
    await new Promise((r) => setTimeout(r, 0));
    const ratings = createRatingsStore();
    ratings.toggle(cellKey("r1", "current"), "good");
    const context: CellContext = { scheduler, ratings, expanded: createExpandedCells(), checks: set.checks, checkResults: checkCache(set.checks), onRerun: () => {} };
    const html = renderToStaticMarkup(<TestCasesGrid set={set} stale={[]} columns={[column]} blocked={plan.blocked} handlers={{ onValue() {}, onRemove() {} }} context={context} />);

    expect(html).toContain('role="table" aria-label="Test cases and results"');
    expect(html).toContain('aria-label="topic, row 3"');
    expect(html).toMatch(/aria-label="Current settings, row 1"[^>]*data-status="done"/);
    expect(html).toContain("tea is 42 things");
    expect(html).toContain("4 tokens · first token 80 ms · total 1.5 s · $0.000009");
    expect(html).toContain("Checks: 0 of 1 passed");
    expect(html).toContain("Fail: matches /^\\d+$/ (no match)");
    expect(html).toMatch(/aria-pressed="true"[^>]*>Good</);
    expect(html).toMatch(/aria-label="Current settings, row 2"[^>]*data-status="running"[^>]*><p>Running…/);
    expect(html).toMatch(/aria-label="Current settings, row 3"[^>]*data-status="queued"[^>]*><p class="text-muted">Queued/);
    expect(html).toContain('Not run: no value for &quot;topic&quot; (and no default).');
    expect(html).toMatch(/Pass rate<\/dt><dd>0% \(0 of 1\)/);
    expect(html).toContain("Ratings</dt><dd>1 Good, 0 Bad</dd><dt>Time</dt><dd>mean 1.5 s, p90 1.5 s</dd>");
    scheduler.stop();
  });

  it("shows a reply expanded with Show all as it was left when its cell is drawn again (the state is the view's, not the cell's)", async () => {
    const long = "word ".repeat(100).trim();
    const scheduler = createRunScheduler<RunCell>({ stream: () => Promise.resolve({ ok: true, text: long }), concurrency: 1 });
    const one: TestSet = { columns: ["topic"], rows: [{ id: "r1", values: { topic: "tea" } }], checks: [] };
    const plan = planTestRun(one, [column]);
    scheduler.start(plan.cells);
    await new Promise((r) => setTimeout(r, 0));
    const context: CellContext = { scheduler, ratings: createRatingsStore(), expanded: createExpandedCells(), checks: [], checkResults: checkCache([]), onRerun: () => {} };
    const draw = () => renderToStaticMarkup(<TestCasesGrid set={one} stale={[]} columns={[column]} blocked={plan.blocked} handlers={{ onValue() {}, onRemove() {} }} context={context} />);

    expect(draw()).toMatch(/aria-expanded="false"[^>]*>Show all</);
    expect(draw()).not.toContain(long);
    context.expanded.toggle(cellKey("r1", "current"));
    const again = draw();
    expect(again).toContain(long);
    expect(again).toMatch(/aria-expanded="true"[^>]*>Show less</);
    scheduler.stop();
  });

  it("draws the first rows of a long set and stands the rest as one gap of their estimated height, counting them all", () => {
    const long: TestSet = { columns: ["topic"], rows: Array.from({ length: 300 }, (_, i) => ({ id: `r${i}`, values: { topic: `t${i}` } })), checks: [] };
    const scheduler = createRunScheduler<RunCell>({ stream: () => new Promise<CellOutcome>(() => {}), concurrency: 1 });
    const context: CellContext = { scheduler, ratings: createRatingsStore(), expanded: createExpandedCells(), checks: [], checkResults: checkCache([]), onRerun: () => {} };
    const html = renderToStaticMarkup(<TestCasesGrid set={long} stale={[]} columns={[column]} blocked={new Map()} handlers={{ onValue() {}, onRemove() {} }} context={context} />);

    expect(html).toContain('aria-rowcount="302"');
    expect(html).toContain('aria-label="topic, row 1"');
    const drawn = html.match(/aria-label="topic, row \d+"/g) ?? [];
    expect(drawn.length).toBeGreaterThan(3);
    expect(drawn.length).toBeLessThan(30);
    expect(html).not.toContain('aria-label="topic, row 300"');
    const gap = html.match(/<div aria-hidden="true" style="height:(\d+)px"><\/div>/);
    expect(Number(gap?.[1])).toBe((300 - drawn.length) * 128);
  });
});
