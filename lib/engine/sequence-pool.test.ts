import { describe, expect, it } from "vitest";
import { SequencePool } from "./sequence-pool";

/** A context with `free` sequences; disposing a sequence frees its slot, as node-llama-cpp's does. */
function context(free: number) {
  let serial = 0;
  const ctx = {
    free,
    get sequencesLeft() {
      return ctx.free;
    },
    getSequence() {
      if (ctx.free < 1) throw new Error("no sequence left");
      ctx.free--;
      return { id: ++serial, dispose: () => void ctx.free++ };
    },
  };
  return ctx;
}
/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const live = () => new AbortController().signal;

describe("SequencePool", () => {
  it("lends a free sequence at once", async () => {
    const ctx = context(2);
    const pool = new SequencePool(ctx);
    expect(await pool.acquire(live())).toMatchObject({ id: 1 });
    expect(ctx.free).toBe(1);
  });

  it("makes a request that finds none free wait, then lends it the sequence given back", async () => {
    const ctx = context(1);
    const pool = new SequencePool(ctx);
    const first = (await pool.acquire(live()))!;
    let second: unknown;
    const waiting = pool.acquire(live()).then((s) => (second = s));
    await settle();
    expect(second).toBeUndefined();
    pool.release(first);
    await waiting;
    expect(second).toMatchObject({ id: 2 });
    expect(ctx.free).toBe(0);
  });

  it("lends one returned sequence to one of two woken waiters; the other waits on", async () => {
    const ctx = context(1);
    const pool = new SequencePool(ctx);
    const first = (await pool.acquire(live()))!;
    const got: unknown[] = [];
    void pool.acquire(live()).then((s) => got.push(s));
    void pool.acquire(live()).then((s) => got.push(s));
    await settle();
    pool.release(first);
    await settle();
    expect(got).toHaveLength(1);
    pool.release(got[0] as typeof first);
    await settle();
    expect(got).toHaveLength(2);
  });

  it("gives up with undefined when the caller aborts while waiting, leaving the sequence to others", async () => {
    const ctx = context(1);
    const pool = new SequencePool(ctx);
    const first = (await pool.acquire(live()))!;
    const controller = new AbortController();
    const waiting = pool.acquire(controller.signal);
    controller.abort();
    expect(await waiting).toBeUndefined();
    pool.release(first);
    expect(ctx.free).toBe(1);
  });

  it("lends nothing to a caller that already gave up, even with a sequence free", async () => {
    const ctx = context(1);
    expect(await new SequencePool(ctx).acquire(AbortSignal.abort())).toBeUndefined();
    expect(ctx.free).toBe(1);
  });
});
