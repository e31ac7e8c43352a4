"use client";
import { memo, useMemo, useRef, type CSSProperties } from "react";
import { cellKey, type ResultColumn } from "@/lib/evals/results";
import type { TestRow, TestSet } from "@/lib/evals/test-set";
import { useVirtualRows } from "../ui/use-virtual-rows";
import { TestCasesCell, type CellContext } from "./test-cases-cell";
import { TestCasesSummary } from "./test-cases-summary";

export interface GridHandlers {
  onValue(rowId: string, column: string, value: string): void;
  onRemove(rowId: string): void;
}

/** A row before it is measured: two lines of input and a short reply. */
const ESTIMATED_ROW_PX = 128;
/** Rows drawn beyond each edge of the box: a few screens of short rows, and every row of a small set. */
const OVERSCAN_ROWS = 6;

/**
 * The test cases and their results in one table: a row per case with an input per variable and a
 * reply per column, and the summary under each column. Only the rows near what the dialog shows
 * are drawn (the rest stand as their measured or estimated height): with 500 rows of replies,
 * drawing them all, even with content-visibility skipping those off screen, made each scrolled
 * frame walk every row (up to 59 ms a frame), and the ARIA table says which rows are drawn
 * (aria-rowcount, aria-rowindex). Find in page finds only the drawn rows; the results CSV has
 * them all. Built from divs with table roles (a grid per row). It scrolls sideways on a phone.
 */
export function TestCasesGrid({
  set,
  stale,
  columns,
  blocked,
  handlers,
  context,
}: {
  set: TestSet;
  /** Columns that are no longer variables of the prompt (kept while they hold values). */
  stale: readonly string[];
  columns: readonly ResultColumn[];
  blocked: ReadonlyMap<string, string>;
  handlers: GridHandlers;
  context: CellContext;
}) {
  // One object while the column counts stay: the rows are memoised on it.
  const [variableCount, resultCount] = [set.columns.length, columns.length];
  const template = useMemo<CSSProperties>(
    () => ({ gridTemplateColumns: ["3rem", ...Array<string>(variableCount).fill("minmax(9rem, 12rem)"), ...Array<string>(resultCount).fill("minmax(16rem, 22rem)"), "6rem"].join(" ") }),
    [variableCount, resultCount],
  );
  const summarized = columns.length > 0 && set.rows.length > 0;
  return (
    <div className="overflow-x-auto rounded border border-line">
      <div role="table" aria-label="Test cases and results" aria-rowcount={set.rows.length + (summarized ? 2 : 1)} className="w-max min-w-full text-sm">
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className="grid gap-2 border-b border-line bg-subtle px-2 py-1 font-medium" style={template}>
            <span role="columnheader">Row</span>
            {set.columns.map((name) => (
              <span role="columnheader" key={name} className="truncate font-mono">
                {name}
                {stale.includes(name) ? <span className="font-sans font-normal text-muted"> (not a variable now)</span> : null}
              </span>
            ))}
            {columns.map((column) => (
              <span role="columnheader" key={column.id}>
                {column.label}
              </span>
            ))}
            <span role="columnheader">
              <span className="sr-only">Actions</span>
            </span>
          </div>
        </div>
        <GridRows rows={set.rows} names={set.columns} columns={columns} blocked={blocked} handlers={handlers} context={context} template={template} />
        {summarized ? (
          <div role="rowgroup">
            <TestCasesSummary set={set} columns={columns} context={context} template={template} rowIndex={set.rows.length + 2} />
          </div>
        ) : null}
      </div>
      {!set.rows.length ? <p className="p-2 text-sm text-muted">No test cases yet: add a row, paste rows or import a file.</p> : null}
    </div>
  );
}

/**
 * The rows drawn near the view, in their own component: a scroll that changes which are drawn
 * renders this, not the table around it (the summary recomputes over every cell).
 */
function GridRows({ rows, ...shared }: { rows: readonly TestRow[]; names: readonly string[]; columns: readonly ResultColumn[]; blocked: ReadonlyMap<string, string>; handlers: GridHandlers; context: CellContext; template: CSSProperties }) {
  const rowsRef = useRef<HTMLDivElement>(null);
  const keys = useMemo(() => rows.map((row) => row.id), [rows]);
  const { slots, measure } = useVirtualRows({ keys, containerRef: rowsRef, estimatePx: ESTIMATED_ROW_PX, overscan: OVERSCAN_ROWS });
  return (
    // Scroll anchoring off here: the virtual list keeps the rows in place as they are measured.
    <div role="rowgroup" ref={rowsRef} className="[overflow-anchor:none]">
      {slots.map((slot) =>
        slot.kind === "gap" ? <div key={slot.key} aria-hidden="true" style={{ height: slot.height }} /> : <GridRow key={slot.key} row={rows[slot.index]} index={slot.index} measure={measure} {...shared} />,
      )}
    </div>
  );
}

const GridRow = memo(function GridRow({
  row,
  index,
  names,
  columns,
  blocked,
  handlers,
  context,
  template,
  measure,
}: {
  row: TestRow;
  index: number;
  names: readonly string[];
  columns: readonly ResultColumn[];
  blocked: ReadonlyMap<string, string>;
  handlers: GridHandlers;
  context: CellContext;
  template: CSSProperties;
  /** The virtual list's measuring ref (it reads `data-index`). */
  measure(element: HTMLElement | null): void;
}) {
  const number = index + 1;
  return (
    <div
      ref={measure}
      data-index={index}
      data-key={row.id}
      role="row"
      aria-rowindex={number + 1}
      aria-label={`Row ${number}`}
      className="grid items-start gap-2 border-b border-line px-2 py-2"
      style={template}
    >
      <span role="rowheader" className="pt-1 text-muted">
        {number}
      </span>
      {names.map((name) => (
        <span role="cell" key={name}>
          <textarea
            aria-label={`${name}, row ${number}`}
            rows={2}
            className="w-full resize-y rounded border border-line bg-bg px-1 py-0.5"
            value={Object.hasOwn(row.values, name) ? row.values[name] : ""}
            onChange={(e) => handlers.onValue(row.id, name, e.target.value)}
          />
        </span>
      ))}
      {columns.map((column) => {
        const key = cellKey(row.id, column.id);
        return (
          <span role="cell" key={column.id} className="min-w-0">
            <TestCasesCell cellId={key} name={`${column.label}, row ${number}`} blocked={blocked.get(key)} prices={column.prices} context={context} />
          </span>
        );
      })}
      <span role="cell">
        <button type="button" className="btn-quiet" aria-label={`Remove row ${number}`} onClick={() => handlers.onRemove(row.id)}>
          Remove
        </button>
      </span>
    </div>
  );
});
