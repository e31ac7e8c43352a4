/**
 * Runs the cells of a test run (rows × columns) through an injected `stream` function, at most
 * `concurrency` at once: the upstream's concurrentStreams capability, as compare mode queues
 * (lib/compare/stream-slots.ts). The rest wait as "queued", in order. Stop aborts every stream
 * and unqueues the rest; a cell can be run again on its own. Pure TypeScript with an injectable
 * clock, so the page's store drives it and tests run it with fake timers.
 *
 * Rate limits: a cell answered 429 ("rate_limited", with Retry-After where the server sent one)
 * waits until then, showing when, and is retried, at most MAX_RETRIES times. The whole queue
 * honours it too: no cell starts before that time, and one fewer runs at once afterwards (the
 * limit comes back one step per `concurrency` cells that finish without one), since the server
 * said this client is sending too much.
 */

export interface CellSuccess {
  ok: true;
  text: string;
  usage?: { promptTokens: number; completionTokens: number };
  firstTokenMs?: number;
  totalMs?: number;
}

export interface CellFailure {
  ok: false;
  code: string;
  message: string;
  /** Seconds, from the server's Retry-After. */
  retryAfter?: number;
}

export type CellOutcome = CellSuccess | CellFailure;

/** Streams one cell; resolves when it ends (it should not throw: a throw counts as a failure). */
export type StreamCell<C> = (cell: C, signal: AbortSignal) => Promise<CellOutcome>;

export type CellStatus =
  | { status: "queued" }
  | { status: "running"; attempt: number }
  /** `until`: the clock's time (ms) when it is retried; `attempt`: the retry it waits for (1…). */
  | { status: "waiting"; until: number; attempt: number }
  | { status: "done"; outcome: CellSuccess }
  | { status: "error"; outcome: CellFailure }
  | { status: "stopped" };

export interface RunSnapshot {
  cells: Readonly<Record<string, CellStatus>>;
  /** Cells that ended with a reply or an error, of `total`. */
  finished: number;
  total: number;
  running: number;
  queued: number;
  /** The queue holds no new start until then (a 429's Retry-After), or null. */
  pausedUntil: number | null;
  /** Milliseconds, estimated from the cells finished so far, as of the last change; null before the first one. */
  timeLeftMs: number | null;
  /** Streams allowed at once now: the upstream's limit, lowered after a 429. */
  limit: number;
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Retries of one cell after a 429 before it shows the error. */
export const MAX_RETRIES = 3;

/** Seconds to wait after a 429 that came without Retry-After: 2, 4, 8. */
export const backoffSeconds = (attempt: number) => 2 ** attempt;

export interface RunScheduler<C extends { id: string }> {
  /** Queues these cells (a new run: cells of an earlier run are forgotten). */
  start(cells: readonly C[]): void;
  /** Runs one cell again (first in the queue); a running one is aborted and restarted. */
  rerun(cellId: string): void;
  /** Aborts every running cell and unqueues the rest: they show "stopped". */
  stop(): void;
  /** The upstream's limit changed (its capabilities arrived after the run began). */
  resize(concurrency: number): void;
  /** The snapshot, the same object until something changes (for React's useSyncExternalStore). */
  snapshot(): RunSnapshot;
  /** The time-left estimate now (it falls between changes as running cells progress), for a ticking display. */
  timeLeftMs(): number | null;
  /** Called after every change with the new snapshot; returns the unsubscribe function. */
  subscribe(listener: (snapshot: RunSnapshot) => void): () => void;
}

interface Entry<C> {
  cell: C;
  state: CellStatus;
  /** Bumped on every (re)start, so the outcome of an aborted attempt is ignored. */
  generation: number;
  controller?: AbortController;
  startedAt?: number;
  retries: number;
}

export function createRunScheduler<C extends { id: string }>(options: { stream: StreamCell<C>; concurrency: number; clock?: Clock; maxRetries?: number }): RunScheduler<C> {
  const clock = options.clock ?? realClock;
  const maxRetries = options.maxRetries ?? MAX_RETRIES;
  let cap = Math.max(1, options.concurrency);
  let limit = cap;
  let cleanSinceLimit = 0;
  let entries = new Map<string, Entry<C>>();
  /** Ids waiting to start, in order (retries and re-runs go first). */
  let queue: string[] = [];
  let pausedUntil: number | null = null;
  let timer: unknown = null;
  const durations: number[] = [];
  const listeners = new Set<(snapshot: RunSnapshot) => void>();
  let current: RunSnapshot | null = null;

  const running = () => [...entries.values()].filter((e) => e.state.status === "running");

  function snapshot(): RunSnapshot {
    if (current) return current;
    const cells: Record<string, CellStatus> = {};
    let finished = 0;
    let queued = 0;
    for (const [id, entry] of entries) {
      cells[id] = entry.state;
      if (entry.state.status === "done" || entry.state.status === "error") finished++;
      if (entry.state.status === "queued" || entry.state.status === "waiting") queued++;
    }
    const active = running();
    current = { cells, finished, total: entries.size, running: active.length, queued, pausedUntil, timeLeftMs: timeLeft(active, queued), limit };
    return current;
  }

  /** Work left ÷ streams at once: each queued cell takes the mean time so far, each running one what it has left of it. */
  function timeLeft(active: Entry<C>[], queued: number): number | null {
    if (!durations.length) return null;
    if (!active.length && !queued) return 0;
    const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
    const now = clock.now();
    let work = queued * mean;
    for (const entry of active) work += Math.max(0, mean - (now - (entry.startedAt ?? now)));
    const pause = pausedUntil === null ? 0 : Math.max(0, pausedUntil - now);
    return Math.round(pause + work / Math.max(1, Math.min(limit, active.length + queued)));
  }

  function changed() {
    current = null;
    if (!listeners.size) return;
    const next = snapshot();
    for (const listener of listeners) listener(next);
  }

  /** Starts what may start now, and sets a timer for the next time something may. Callers notify once after it. */
  function pump() {
    const now = clock.now();
    if (pausedUntil !== null && now >= pausedUntil) pausedUntil = null;
    let nextWake = pausedUntil ?? Infinity;
    let active = running().length;
    const left: string[] = [];
    for (const id of queue) {
      const entry = entries.get(id)!;
      const until = entry.state.status === "waiting" ? entry.state.until : 0;
      if (pausedUntil === null && active < limit && until <= now) {
        launch(entry);
        active++;
      } else {
        left.push(id);
        if (until > now) nextWake = Math.min(nextWake, until);
      }
    }
    queue = left;
    if (timer !== null) {
      clock.clearTimeout(timer);
      timer = null;
    }
    if (nextWake !== Infinity) {
      timer = clock.setTimeout(() => {
        timer = null;
        pump();
        changed();
      }, Math.max(0, nextWake - now));
    }
  }

  function launch(entry: Entry<C>) {
    const generation = ++entry.generation;
    const controller = new AbortController();
    entry.controller = controller;
    entry.startedAt = clock.now();
    entry.state = { status: "running", attempt: entry.retries };
    let outcome: Promise<CellOutcome>;
    try {
      outcome = options.stream(entry.cell, controller.signal);
    } catch (error) {
      outcome = Promise.reject(error);
    }
    outcome.then(
      (result) => settle(entry, generation, result),
      (error: unknown) => settle(entry, generation, { ok: false, code: "network_error", message: error instanceof Error ? error.message : String(error) }),
    );
  }

  function settle(entry: Entry<C>, generation: number, outcome: CellOutcome) {
    // An aborted attempt (Stop, or a re-run that replaced it) has already been accounted for.
    if (generation !== entry.generation || entry.controller?.signal.aborted) return;
    entry.controller = undefined;
    const now = clock.now();
    if (!outcome.ok && isRateLimit(outcome) && entry.retries < maxRetries) {
      entry.retries++;
      const until = now + 1000 * (outcome.retryAfter ?? backoffSeconds(entry.retries));
      entry.state = { status: "waiting", until, attempt: entry.retries };
      queue = [entry.cell.id, ...queue];
      pausedUntil = Math.max(pausedUntil ?? 0, until);
      limit = Math.max(1, limit - 1);
      cleanSinceLimit = 0;
    } else {
      durations.push(now - (entry.startedAt ?? now));
      entry.state = outcome.ok ? { status: "done", outcome } : { status: "error", outcome };
      if (limit < cap && ++cleanSinceLimit >= cap) {
        limit++;
        cleanSinceLimit = 0;
      }
    }
    pump();
    changed();
  }

  function abort(entry: Entry<C>) {
    entry.generation++;
    entry.controller?.abort(new DOMException("Stopped", "AbortError"));
    entry.controller = undefined;
  }

  return {
    start(cells) {
      for (const entry of entries.values()) abort(entry);
      entries = new Map(cells.map((cell) => [cell.id, { cell, state: { status: "queued" }, generation: 0, retries: 0 }]));
      queue = cells.map((c) => c.id);
      pausedUntil = null;
      limit = cap;
      cleanSinceLimit = 0;
      durations.length = 0;
      pump();
      changed();
    },
    rerun(cellId) {
      const entry = entries.get(cellId);
      if (!entry) return;
      if (entry.state.status === "running") abort(entry);
      entry.retries = 0;
      entry.state = { status: "queued" };
      queue = [cellId, ...queue.filter((id) => id !== cellId)];
      pump();
      changed();
    },
    stop() {
      for (const entry of entries.values()) {
        if (entry.state.status === "running" || entry.state.status === "queued" || entry.state.status === "waiting") {
          abort(entry);
          entry.state = { status: "stopped" };
        }
      }
      queue = [];
      pausedUntil = null;
      if (timer !== null) {
        clock.clearTimeout(timer);
        timer = null;
      }
      changed();
    },
    resize(concurrency) {
      const next = Math.max(1, concurrency);
      // Keep a 429's reduction: the new cap, less what the server has asked for since.
      limit = Math.max(1, Math.min(next, limit + (next - cap)));
      cap = next;
      pump();
      changed();
    },
    snapshot,
    timeLeftMs() {
      const active = running();
      const queued = [...entries.values()].filter((e) => e.state.status === "queued" || e.state.status === "waiting").length;
      return timeLeft(active, queued);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A 429 from the server (or the upstream behind it), by code or by a Retry-After. */
export const isRateLimit = (failure: CellFailure) => failure.code === "rate_limited" || failure.retryAfter !== undefined;
