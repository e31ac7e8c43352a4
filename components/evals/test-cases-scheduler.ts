"use client";
/**
 * The Test cases view's run: a scheduler the view owns (useOwnedRunScheduler: at most the
 * upstream's concurrentStreams at once, stopped with the view or the tab). Unlike
 * useRunScheduler, the view itself does not re-render on every change: each cell subscribes to its own state, so a change re-renders
 * one cell of a 1,000-cell grid, and the progress and summary subscribe to the whole.
 */
import { useEffect, useState, useSyncExternalStore } from "react";
import { collectReply } from "@/lib/client/collect-reply";
import { type CellStatus, type RunScheduler, type RunSnapshot } from "@/lib/evals/run-scheduler";
import { useOwnedRunScheduler } from "@/lib/hooks/use-run-scheduler";
import type { RunCell } from "@/lib/evals/test-run";

const streamCell = (cell: RunCell, signal: AbortSignal) => collectReply(cell.body, signal);

export type TestRunScheduler = RunScheduler<RunCell>;

export function useTestRunScheduler(concurrency: number): TestRunScheduler {
  return useOwnedRunScheduler(streamCell, concurrency);
}

/** One cell's state: the same object until that cell changes, so other cells' changes render nothing here. */
export function useCellState(scheduler: TestRunScheduler, id: string): CellStatus | undefined {
  const read = () => scheduler.snapshot().cells[id];
  return useSyncExternalStore(scheduler.subscribe, read, read);
}

export function useRunSnapshot(scheduler: TestRunScheduler): RunSnapshot {
  return useSyncExternalStore(scheduler.subscribe, scheduler.snapshot, scheduler.snapshot);
}

/** The time left, re-read every second while the run goes on (it falls between changes). */
export function useTimeLeft(scheduler: TestRunScheduler, active: boolean): number | null {
  const [, tick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return scheduler.timeLeftMs();
}
