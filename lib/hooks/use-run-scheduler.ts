"use client";
import { useEffect, useState, useSyncExternalStore } from "react";
import { createRunScheduler, type RunScheduler, type RunSnapshot, type StreamCell } from "../evals/run-scheduler";

/**
 * A run scheduler owned by one view: at most `concurrency` streams at once (the upstream's
 * concurrentStreams, resized when the capabilities arrive). The run stops when the view goes
 * away and when the page is hidden for good (tab closed, navigated away): every fetch is
 * aborted, which stops the generation on the server. The view subscribes to what it shows
 * (useRunScheduler: the whole snapshot; the Test cases grid: one cell each).
 */
export function useOwnedRunScheduler<C extends { id: string }>(stream: StreamCell<C>, concurrency: number): RunScheduler<C> {
  // `stream` is read once: callers pass a module-level function (the cells carry what differs).
  const [scheduler] = useState(() => createRunScheduler<C>({ stream, concurrency }));
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

/** An owned run scheduler with its snapshot as React state: the view re-renders on every change. */
export function useRunScheduler<C extends { id: string }>(stream: StreamCell<C>, concurrency: number): { scheduler: RunScheduler<C>; snapshot: RunSnapshot } {
  const scheduler = useOwnedRunScheduler(stream, concurrency);
  const snapshot = useSyncExternalStore(scheduler.subscribe, scheduler.snapshot, scheduler.snapshot);
  return { scheduler, snapshot };
}
