"use client";
import { memo } from "react";
import { describeCheck, type CheckResult } from "@/lib/evals/checks";
import type { Check } from "@/lib/evals/test-set";
import type { CellSuccess } from "@/lib/evals/run-scheduler";
import { formatCount, formatUsd, usageCost, type Prices } from "@/lib/model/pricing";
import { useExpanded, type ExpandedCells } from "./expanded-cells";
import { useRating, type RatingsStore } from "./test-cases-ratings";
import { useCellState, type TestRunScheduler } from "./test-cases-scheduler";

/** Characters of a reply a cell shows before "Show all": a few lines, so 500 rows stay readable. */
const SHOWN_CHARACTERS = 280;

export interface CellContext {
  scheduler: TestRunScheduler;
  ratings: RatingsStore;
  expanded: ExpandedCells;
  checks: readonly Check[];
  checkResults(outcome: CellSuccess): CheckResult[];
  onRerun(key: string): void;
}

const ms = (value: number) => (value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(1)} s`);

/**
 * One reply of the grid. Subscribes to its own cell of the run and its own rating, and is
 * memoised, so a change elsewhere in a 1,000-cell grid renders nothing here.
 */
export const TestCasesCell = memo(function TestCasesCell({ cellId, name, blocked, prices, context }: { cellId: string; name: string; blocked?: string; prices: Prices | null; context: CellContext }) {
  const state = useCellState(context.scheduler, cellId);
  const rating = useRating(context.ratings, cellId);
  const expanded = useExpanded(context.expanded, cellId);
  const rerun = state ? (
    <button type="button" className="btn-quiet" onClick={() => context.onRerun(cellId)}>
      Re-run
    </button>
  ) : null;

  let body;
  switch (state?.status) {
    case undefined:
      body = <p className="text-muted">{blocked ?? "Not run yet."}</p>;
      break;
    case "queued":
      body = <p className="text-muted">Queued</p>;
      break;
    case "running":
      body = <p>{state.attempt ? `Running (retry ${state.attempt})…` : "Running…"}</p>;
      break;
    case "waiting":
      body = <p>Waiting (retry at {new Date(state.until).toLocaleTimeString()}): the server asked to slow down.</p>;
      break;
    case "stopped":
      body = <p className="text-muted">Stopped.</p>;
      break;
    case "error": {
      const partial = (state.outcome as { partial?: string }).partial;
      body = (
        <>
          <p className="text-red-700 dark:text-red-300">Error: {state.outcome.message}</p>
          {partial ? <p className="whitespace-pre-wrap break-words text-muted">{partial}</p> : null}
        </>
      );
      break;
    }
    case "done": {
      const { text, usage, firstTokenMs, totalMs } = state.outcome;
      const long = text.length > SHOWN_CHARACTERS;
      const results = context.checkResults(state.outcome);
      const passed = results.filter((r) => r.pass).length;
      const cost = usage && prices ? usageCost(usage, prices) : undefined;
      const stats = [
        usage ? `${formatCount(usage.completionTokens)} tokens` : "tokens not reported",
        firstTokenMs !== undefined ? `first token ${ms(firstTokenMs)}` : null,
        totalMs !== undefined ? `total ${ms(totalMs)}` : null,
        cost !== undefined ? formatUsd(cost) : null,
      ].filter(Boolean);
      body = (
        <>
          <p className="whitespace-pre-wrap break-words" data-testid="cell-reply">
            {long && !expanded ? `${text.slice(0, SHOWN_CHARACTERS)}…` : text || <span className="text-muted">(empty reply)</span>}
          </p>
          {long ? (
            <button type="button" className="btn-quiet" aria-expanded={expanded} onClick={() => context.expanded.toggle(cellId)}>
              {expanded ? "Show less" : "Show all"}
            </button>
          ) : null}
          <p className="text-xs text-muted">{stats.join(" · ")}</p>
          {results.length ? (
            <div className="text-xs">
              <p className="font-medium">
                Checks: {passed} of {results.length} passed
              </p>
              <ul>
                {results.map((result) => {
                  const check = context.checks.find((c) => c.id === result.checkId);
                  return (
                    <li key={result.checkId} className={result.pass ? "text-green-800 dark:text-green-300" : "text-red-700 dark:text-red-300"}>
                      {result.pass ? "Pass" : "Fail"}: {check ? describeCheck(check) : result.checkId} ({result.reason})
                    </li>
                  );
                })}
              </ul>
            </div>
          ) : null}
          <div className="flex flex-wrap items-center gap-1">
            <button type="button" className="btn-quiet border border-line aria-pressed:bg-accent aria-pressed:text-on-accent" aria-pressed={rating === "good"} onClick={() => context.ratings.toggle(cellId, "good")}>
              Good
            </button>
            <button type="button" className="btn-quiet border border-line aria-pressed:bg-accent aria-pressed:text-on-accent" aria-pressed={rating === "bad"} onClick={() => context.ratings.toggle(cellId, "bad")}>
              Bad
            </button>
          </div>
        </>
      );
      break;
    }
  }
  return (
    <div role="group" aria-label={name} className="space-y-1 text-sm" data-status={state?.status ?? (blocked ? "blocked" : "idle")}>
      {body}
      {rerun}
    </div>
  );
});
