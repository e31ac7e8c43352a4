"use client";
/**
 * The Test cases view's run: a scheduler the view owns (at most the upstream's concurrentStreams
 * at once), stopped when the view goes away or the tab is closed (every fetch aborted, which
 * stops the generation on the server). Unlike useRunScheduler (lib/hooks), the view itself does
 * not re-render on every change: each cell subscribes to its own state, so a change re-renders
 * one cell of a 1,000-cell grid, and the progress and summary subscribe to the whole.
 */
import { useEffect, useState, useSyncExternalStore } from "react";
import { collectReply } from "@/lib/client/collect-reply";
import { createRunScheduler, type CellStatus, type RunScheduler, type RunSnapshot } from "@/lib/evals/run-scheduler";
import type { RunCell } from "@/lib/evals/test-run";

const streamCell = (cell: RunCell, signal: AbortSignal) => collectReply(cell.body, signal);

export type TestRunScheduler = RunScheduler<RunCell>;

export function useTestRunScheduler(concurrency: number): TestRunScheduler {
  const [scheduler] = useState(() => createRunScheduler<RunCell>({ stream: streamCell, concurrency }));
  useEffect(() => scheduler.resize(concurrency), [scheduler, concurrency]);
  useEffect(() => {
    const onHide = (event: PageTransitionEvent) => {
      // A page kept in the back-forward cache may come back; one being unloaded will not.
      if (!event.persisted) scheduler.stop();
    };
    window.addEventListener("pagehide", onHide);
    return () => {
      window.removeEventListener("pagehide", onHide);
      scheduler.stop();
    };
  }, [scheduler]);
  return scheduler;
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
