"use client";
import { useId } from "react";
import { useRunSnapshot, useTimeLeft, type TestRunScheduler } from "./test-cases-scheduler";

const seconds = (ms: number) => (ms < 60_000 ? `${Math.max(1, Math.round(ms / 1000))} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`);

/** Run all, Stop, and the run's progress with the time left. */
export function TestCasesRunBar({ scheduler, canRun, why, onRun, limit }: { scheduler: TestRunScheduler; canRun: boolean; why?: string; onRun(): void; limit: number }) {
  const id = useId();
  const snapshot = useRunSnapshot(scheduler);
  const active = snapshot.running + snapshot.queued > 0;
  const timeLeft = useTimeLeft(scheduler, active);
  const waiting = snapshot.pausedUntil !== null ? ` The server asked to wait: nothing starts before ${new Date(snapshot.pausedUntil).toLocaleTimeString()}.` : "";
  const left = active ? (timeLeft === null ? "time left: after the first reply" : `about ${seconds(timeLeft)} left`) : snapshot.total ? "finished" : "";
  const text = `${snapshot.finished} of ${snapshot.total} cells${left ? `, ${left}` : ""}`;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className="btn-primary" disabled={active || !canRun} onClick={onRun} aria-describedby={`${id}-why`}>
          Run all
        </button>
        <button type="button" className="btn-quiet border border-line" disabled={!active} onClick={() => scheduler.stop()}>
          Stop
        </button>
        <span id={`${id}-why`} className="text-xs text-muted">
          {why ?? `At most ${limit} replies at once (the upstream's limit); the others wait as Queued.`}
        </span>
      </div>
      {snapshot.total ? (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <progress className="h-2 w-48 accent-accent" aria-label="Test run progress" aria-valuetext={text} max={snapshot.total} value={snapshot.finished} />
          <span>
            {text}. {snapshot.running} running, {snapshot.queued} queued.{waiting}
          </span>
        </div>
      ) : null}
    </div>
  );
}
