"use client";
import type { CSSProperties } from "react";
import type { ResultColumn } from "@/lib/evals/results";
import { summarizeGrid, type ColumnSummary } from "@/lib/evals/summary";
import { gridChecks, runGrid } from "@/lib/evals/test-run";
import type { TestSet } from "@/lib/evals/test-set";
import { formatCount, formatUsd } from "@/lib/model/pricing";
import type { CellContext } from "./test-cases-cell";
import { useAllRatings } from "./test-cases-ratings";
import { useRunSnapshot } from "./test-cases-scheduler";

const ms = (value: number | null) => (value === null ? "–" : value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(1)} s`);
const percent = (value: number) => `${Math.round(value * 100)}%`;

/** The summary row: per column, the pass rate, ratings, mean and p90 time, tokens and cost of the run so far. */
export function TestCasesSummary({ set, columns, context, template, rowIndex }: { set: TestSet; columns: readonly ResultColumn[]; context: CellContext; template: CSSProperties; rowIndex: number }) {
  const snapshot = useRunSnapshot(context.scheduler);
  const ratings = useAllRatings(context.ratings);
  const summaries = summarizeGrid(runGrid(set, columns, snapshot.cells, ratings), gridChecks(snapshot.cells, context.checkResults));
  return (
    <div role="row" aria-rowindex={rowIndex} aria-label="Summary" className="grid items-start gap-2 bg-subtle px-2 py-2" style={template}>
      <span role="rowheader" className="font-medium">
        Summary
      </span>
      {set.columns.map((name) => (
        <span role="cell" key={name} />
      ))}
      {summaries.map((summary, i) => (
        <span role="cell" key={summary.columnId}>
          <SummaryCell summary={summary} label={columns[i].label} />
        </span>
      ))}
      <span role="cell" />
    </div>
  );
}

function SummaryCell({ summary, label }: { summary: ColumnSummary; label: string }) {
  return (
    <dl title={`Summary of ${label}`} className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
      <dt>Replies</dt>
      <dd>
        {summary.done} of {summary.rows}
        {summary.errors ? `, ${summary.errors} failed` : ""}
      </dd>
      <dt>Pass rate</dt>
      <dd>{summary.passRate === null ? "no checks or replies" : `${percent(summary.passRate)} (${summary.passed} of ${summary.done})`}</dd>
      <dt>Ratings</dt>
      <dd>
        {summary.good} Good, {summary.bad} Bad
      </dd>
      <dt>Time</dt>
      <dd>
        mean {ms(summary.meanMs)}, p90 {ms(summary.p90Ms)}
      </dd>
      <dt>Tokens</dt>
      <dd>
        {formatCount(summary.promptTokens)} in, {formatCount(summary.completionTokens)} out
      </dd>
      <dt>Cost</dt>
      <dd>{summary.cost === null ? "unknown prices" : formatUsd(summary.cost)}</dd>
    </dl>
  );
}
