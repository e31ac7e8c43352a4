import { describe, expect, it } from "vitest";
import { createStreamSlots } from "./stream-slots";

const settled = () => new Promise((r) => setTimeout(r, 0));

describe("createStreamSlots", () => {
  it("lets `limit` through at once and the rest in arrival order as slots free up", async () => {
    const slots = createStreamSlots(2);
    const started: number[] = [];
    const releases: (() => void)[] = [];
    for (const n of [1, 2, 3, 4]) {
      void slots.acquire(new AbortController().signal).then((release) => {
        started.push(n);
        releases[n] = release;
      });
    }
    await settled();
    expect(started).toEqual([1, 2]);
    releases[2]();
    releases[2](); // releasing twice frees one slot, not two
    await settled();
    expect(started).toEqual([1, 2, 3]);
    releases[1]();
    await settled();
    expect(started).toEqual([1, 2, 3, 4]);
  });

  it("drops a waiter that is aborted, without taking its slot", async () => {
    const slots = createStreamSlots(1);
    const first = await slots.acquire(new AbortController().signal);
    const stop = new AbortController();
    const queued = slots.acquire(stop.signal);
    const next = slots.acquire(new AbortController().signal);
    stop.abort();
    await expect(queued).rejects.toBeDefined();
    first();
    await expect(next).resolves.toBeTypeOf("function");
  });

  it("starts waiters when the limit grows", async () => {
    const slots = createStreamSlots(1);
    await slots.acquire(new AbortController().signal);
    let started = false;
    void slots.acquire(new AbortController().signal).then(() => (started = true));
    await settled();
    expect(started).toBe(false);
    slots.resize(2);
    await settled();
    expect(started).toBe(true);
  });

  it("refuses at once when already aborted", async () => {
    const stop = new AbortController();
    stop.abort();
    await expect(createStreamSlots(3).acquire(stop.signal)).rejects.toBeDefined();
  });
});
