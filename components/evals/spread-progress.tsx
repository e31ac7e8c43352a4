"use client";
import { useEffect, useState } from "react";
import type { RunScheduler, RunSnapshot } from "@/lib/evals/run-scheduler";

const seconds = (ms: number) => (ms < 60_000 ? `${Math.max(1, Math.round(ms / 1000))} s` : `${Math.round(ms / 60_000)} min`);
const clockTime = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/**
 * A run's progress: finished of total, what runs and waits, the time left (ticking between
 * changes), a 429's wait, and Stop. `unit` names what is counted ("samples", "replies").
 */
export function SpreadProgress<C extends { id: string }>({ scheduler, snapshot, unit }: { scheduler: RunScheduler<C>; snapshot: RunSnapshot; unit: string }) {
  const active = snapshot.running + snapshot.queued > 0;
  const [, tick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [active]);
  if (!snapshot.total) return null;
  const timeLeft = active ? scheduler.timeLeftMs() : null;
  const stopped = Object.values(snapshot.cells).filter((c) => c.status === "stopped").length;
  const errors = Object.values(snapshot.cells).filter((c) => c.status === "error").length;
  return (
    <div className="space-y-1 text-sm" data-testid="run-progress" data-active={active}>
      <div className="flex flex-wrap items-center gap-2">
        <progress className="h-2 w-40 accent-accent" max={snapshot.total} value={snapshot.finished} aria-label={`${unit} finished`} />
        <span className="tabular-nums">
          {snapshot.finished} of {snapshot.total} finished
          {snapshot.running ? ` · ${snapshot.running} running` : ""}
          {snapshot.queued ? ` · ${snapshot.queued} queued` : ""}
          {errors ? ` · ${errors} failed` : ""}
          {stopped ? ` · ${stopped} stopped` : ""}
          {timeLeft ? ` · about ${seconds(timeLeft)} left` : ""}
        </span>
        <span className="text-xs text-muted">at most {snapshot.limit} at once</span>
        {active ? (
          <button type="button" className="btn-quiet border border-line" onClick={() => scheduler.stop()}>
            Stop
          </button>
        ) : null}
      </div>
      <p role="status" className="text-xs">
        {snapshot.pausedUntil !== null
          ? `The server is limiting this client (429): waiting until ${clockTime(snapshot.pausedUntil)}, as its Retry-After asks, then going on with fewer streams at once.`
          : !active
            ? stopped
              ? "Stopped."
              : "Finished."
            : ""}
      </p>
    </div>
  );
}
