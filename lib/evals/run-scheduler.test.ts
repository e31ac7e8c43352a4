import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRunScheduler, type CellOutcome, type RunScheduler } from "./run-scheduler";

interface Cell {
  id: string;
}

/** A fake upstream: each stream waits for the test to answer it. */
function fakeUpstream() {
  const pending = new Map<string, { resolve: (outcome: CellOutcome) => void; signal: AbortSignal }>();
  const calls: string[] = [];
  const stream = (cell: Cell, signal: AbortSignal) =>
    new Promise<CellOutcome>((resolve) => {
      calls.push(cell.id);
      pending.set(cell.id, { resolve, signal });
      signal.addEventListener("abort", () => resolve({ ok: false, code: "abort", message: "aborted" }));
    });
  const answer = async (id: string, outcome: CellOutcome = { ok: true, text: `reply ${id}` }) => {
    const entry = pending.get(id);
    if (!entry) throw new Error(`${id} is not streaming`);
    pending.delete(id);
    entry.resolve(outcome);
    // Let the scheduler see the outcome (a microtask) before the test looks.
    await Promise.resolve();
    await Promise.resolve();
  };
  return { stream, answer, calls, pending };
}

const cells = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `c${i + 1}` }));
const statuses = (scheduler: RunScheduler<Cell>) => Object.fromEntries(Object.entries(scheduler.snapshot().cells).map(([id, s]) => [id, s.status]));

describe("the run scheduler", () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it("runs at most `concurrency` cells at once; the rest show queued and start in order as others finish", async () => {
    const upstream = fakeUpstream();
    const scheduler = createRunScheduler<Cell>({ stream: upstream.stream, concurrency: 2 });
    scheduler.start(cells(5));
    expect(upstream.calls).toEqual(["c1", "c2"]);
    expect(statuses(scheduler)).toEqual({ c1: "running", c2: "running", c3: "queued", c4: "queued", c5: "queued" });
    await upstream.answer("c2");
    expect(upstream.calls).toEqual(["c1", "c2", "c3"]);
    expect(scheduler.snapshot()).toMatchObject({ finished: 1, total: 5, running: 2, queued: 2 });
    await upstream.answer("c1", { ok: false, code: "upstream_error", message: "boom" });
    await upstream.answer("c3");
    await upstream.answer("c4");
    await upstream.answer("c5");
    expect(statuses(scheduler)).toEqual({ c1: "error", c2: "done", c3: "done", c4: "done", c5: "done" });
    expect(scheduler.snapshot()).toMatchObject({ finished: 5, running: 0, queued: 0, timeLeftMs: 0 });
  });

  it("Stop aborts the running streams and unqueues the rest", async () => {
    const upstream = fakeUpstream();
    const scheduler = createRunScheduler<Cell>({ stream: upstream.stream, concurrency: 2 });
    scheduler.start(cells(4));
    const signals = [...upstream.pending.values()].map((p) => p.signal);
    scheduler.stop();
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect(statuses(scheduler)).toEqual({ c1: "stopped", c2: "stopped", c3: "stopped", c4: "stopped" });
    await Promise.resolve();
    expect(upstream.calls).toEqual(["c1", "c2"]);
    expect(statuses(scheduler).c1).toBe("stopped");
  });

  it("re-runs one cell: a finished one goes first in the queue, a running one is restarted and its old outcome ignored", async () => {
    const upstream = fakeUpstream();
    const scheduler = createRunScheduler<Cell>({ stream: upstream.stream, concurrency: 1 });
    scheduler.start(cells(3));
    await upstream.answer("c1");
    expect(upstream.calls).toEqual(["c1", "c2"]);
    scheduler.rerun("c1");
    expect(statuses(scheduler)).toMatchObject({ c1: "queued", c2: "running", c3: "queued" });
    await upstream.answer("c2");
    expect(upstream.calls).toEqual(["c1", "c2", "c1"]);
    const first = upstream.pending.get("c1")!;
    scheduler.rerun("c1");
    expect(first.signal.aborted).toBe(true);
    expect(upstream.calls).toEqual(["c1", "c2", "c1", "c1"]);
    await upstream.answer("c1", { ok: true, text: "second try" });
    expect(scheduler.snapshot().cells.c1).toEqual({ status: "done", outcome: { ok: true, text: "second try" } });
  });

  it("honours a 429's Retry-After: the cell waits until then, the queue holds, then it is retried first", async () => {
    const upstream = fakeUpstream();
    const scheduler = createRunScheduler<Cell>({ stream: upstream.stream, concurrency: 2 });
    scheduler.start(cells(4));
    await upstream.answer("c1", { ok: false, code: "rate_limited", message: "Too many requests", retryAfter: 5 });
    expect(scheduler.snapshot().cells.c1).toEqual({ status: "waiting", until: 5000, attempt: 1 });
    expect(scheduler.snapshot()).toMatchObject({ pausedUntil: 5000, limit: 1 });
    // c2 finishing frees a slot, but nothing starts before the Retry-After time.
    await upstream.answer("c2");
    expect(upstream.calls).toEqual(["c1", "c2"]);
    await vi.advanceTimersByTimeAsync(4999);
    expect(upstream.calls).toEqual(["c1", "c2"]);
    await vi.advanceTimersByTimeAsync(1);
    // One at a time now (the server asked for less), the waiting cell first.
    expect(upstream.calls).toEqual(["c1", "c2", "c1"]);
    expect(statuses(scheduler)).toMatchObject({ c1: "running", c3: "queued", c4: "queued" });
    expect(scheduler.snapshot().pausedUntil).toBeNull();
    await upstream.answer("c1");
    await upstream.answer("c3");
    // Two clean finishes (the cap) bring the limit back to 2.
    expect(scheduler.snapshot().limit).toBe(2);
    await upstream.answer("c4");
    expect(statuses(scheduler)).toEqual({ c1: "done", c2: "done", c3: "done", c4: "done" });
  });

  it("gives up after three retries and shows the rate-limit error; without Retry-After it backs off 2, 4, 8 s", async () => {
    const upstream = fakeUpstream();
    const scheduler = createRunScheduler<Cell>({ stream: upstream.stream, concurrency: 1 });
    scheduler.start(cells(1));
    const limited = { ok: false as const, code: "rate_limited", message: "Too many requests" };
    for (const seconds of [2, 4, 8]) {
      await upstream.answer("c1", limited);
      expect(scheduler.snapshot().cells.c1).toMatchObject({ status: "waiting", until: Date.now() + seconds * 1000 });
      await vi.advanceTimersByTimeAsync(seconds * 1000);
    }
    await upstream.answer("c1", limited);
    expect(scheduler.snapshot().cells.c1).toEqual({ status: "error", outcome: limited });
    expect(upstream.calls).toEqual(["c1", "c1", "c1", "c1"]);
  });

  it("Stop also cancels a cell waiting for its retry", async () => {
    const upstream = fakeUpstream();
    const scheduler = createRunScheduler<Cell>({ stream: upstream.stream, concurrency: 1 });
    scheduler.start(cells(2));
    await upstream.answer("c1", { ok: false, code: "rate_limited", message: "slow down", retryAfter: 3 });
    scheduler.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(upstream.calls).toEqual(["c1"]);
    expect(statuses(scheduler)).toEqual({ c1: "stopped", c2: "stopped" });
  });

  it("estimates the time left from the cells finished so far", async () => {
    const upstream = fakeUpstream();
    const scheduler = createRunScheduler<Cell>({ stream: upstream.stream, concurrency: 2 });
    scheduler.start(cells(6));
    expect(scheduler.snapshot().timeLeftMs).toBeNull();
    await vi.advanceTimersByTimeAsync(1000);
    await upstream.answer("c1");
    // Mean 1 s; c2 has run 1 s of it; c3 just started; c4–c6 queued: (0 + 1 + 3) s of work on 2 streams.
    expect(scheduler.snapshot().timeLeftMs).toBe(2000);
    await vi.advanceTimersByTimeAsync(500);
    // The snapshot keeps the estimate of its change; the live one falls as the running cells go on.
    expect(scheduler.snapshot().timeLeftMs).toBe(2000);
    expect(scheduler.timeLeftMs()).toBe(1750);
  });

  it("follows a change of the upstream's limit, and tells subscribers of every change", async () => {
    const upstream = fakeUpstream();
    const scheduler = createRunScheduler<Cell>({ stream: upstream.stream, concurrency: 1 });
    const seen: number[] = [];
    const unsubscribe = scheduler.subscribe((s) => seen.push(s.running));
    scheduler.start(cells(3));
    scheduler.resize(3);
    expect(upstream.calls).toEqual(["c1", "c2", "c3"]);
    expect(seen).toEqual([1, 3]);
    unsubscribe();
    await upstream.answer("c1");
    expect(seen).toEqual([1, 3]);
  });

  it("counts a stream that throws as a failed cell", async () => {
    const scheduler = createRunScheduler<Cell>({
      stream: () => {
        throw new Error("no network");
      },
      concurrency: 1,
    });
    scheduler.start(cells(1));
    await Promise.resolve();
    await Promise.resolve();
    expect(scheduler.snapshot().cells.c1).toEqual({ status: "error", outcome: { ok: false, code: "network_error", message: "no network" } });
  });
});
