"use client";
import type { CellStatus } from "@/lib/evals/run-scheduler";

const clockTime = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** A cell's state in words: what the run list and a blind round show. */
export function cellStatusText(state: CellStatus | undefined): string {
  switch (state?.status) {
    case undefined:
    case "queued":
      return "Queued";
    case "running":
      return state.attempt ? `Running (retry ${state.attempt})` : "Running";
    case "waiting":
      return `Waiting until ${clockTime(state.until)} (rate limited)`;
    case "done":
      return "Done";
    case "error":
      return "Error";
    case "stopped":
      return "Stopped";
  }
}

const TONE: Record<CellStatus["status"], string> = {
  queued: "text-muted",
  running: "font-medium",
  waiting: "text-amber-800 dark:text-amber-200",
  done: "",
  error: "text-red-700 dark:text-red-300",
  stopped: "text-muted",
};

/** Every sample of a run as a small chip with its state, so Queued and Waiting are visible one by one. */
export function SpreadCellStatus({ label, items }: { label: string; items: { id: string; name: string; state: CellStatus | undefined }[] }) {
  return (
    <ol aria-label={label} className="flex flex-wrap gap-1 text-xs">
      {items.map((item) => (
        <li key={item.id} data-status={item.state?.status ?? "queued"} className={`rounded border border-line px-1.5 py-0.5 ${TONE[item.state?.status ?? "queued"]}`}>
          {item.name}: {cellStatusText(item.state)}
        </li>
      ))}
    </ol>
  );
}
