import { describe, expect, it, vi } from "vitest";
import type { StreamEvent } from "../chat/events";
import { batchQueue, type BatchQueueOptions, type BatchSink } from "./batch-queue";

const delta = (text: string): StreamEvent => ({ type: "text-delta", text });
const texts = (batch: readonly StreamEvent[] | undefined) => (batch ?? []).map((e) => (e.type === "text-delta" ? e.text : e.type)).join(",");

/** A queue whose producer has been started by a first pull (still waiting: `first`). */
function started() {
  let sink!: BatchSink;
  const calls = { started: 0, resumed: 0, cancelled: 0 };
  const iterator = batchQueue(
    (s) => {
      sink = s;
      calls.started++;
      return { resume: () => void calls.resumed++, cancel: () => void calls.cancelled++ };
    },
    { highWater: 4 },
  );
  const first = iterator.next();
  return { iterator, sink, calls, first };
}

describe("batchQueue", () => {
  it("starts the producer at the first pull, not before", async () => {
    let starts = 0;
    const iterator = batchQueue((sink) => {
      starts++;
      sink.close();
    });
    expect(starts).toBe(0);
    expect((await iterator.next()).done).toBe(true);
    expect(starts).toBe(1);
    // Left before it was ever pulled: the producer never starts.
    let never = 0;
    await batchQueue(() => void never++).return?.(undefined);
    expect(never).toBe(0);
  });

  it("answers a waiting pull with the next push, and hands over everything pushed meanwhile as one batch", async () => {
    const { iterator, sink, first } = started();
    sink.push([delta("a")]);
    expect(texts((await first).value)).toBe("a");
    sink.push([delta("b")]);
    sink.push([delta("c"), delta("d")]);
    expect(texts((await iterator.next()).value)).toBe("b,c,d");
    sink.push([{ type: "finish", reason: "stop" }]);
    sink.close();
    expect(texts((await iterator.next()).value)).toBe("finish");
    expect((await iterator.next()).done).toBe(true);
  });

  it("answers several waiting pulls in order", async () => {
    const { iterator, sink, first } = started();
    const second = iterator.next();
    sink.push([delta("a")]);
    sink.push([delta("b")]);
    sink.close();
    expect(texts((await first).value)).toBe("a");
    expect(texts((await second).value)).toBe("b");
    expect((await iterator.next()).done).toBe(true);
  });

  it("says when the consumer is behind, and resumes the producer once the queue is taken", async () => {
    const { iterator, sink, calls, first } = started();
    sink.push([delta("0")]);
    await first;
    expect(sink.push([delta("1"), delta("2")])).toBe(true);
    expect(sink.push([delta("3"), delta("4")])).toBe(false);
    expect(calls.resumed).toBe(0);
    await iterator.next();
    expect(calls.resumed).toBe(1);
    expect(sink.push([delta("5")])).toBe(true);
  });

  it("passes a failure on after what was queued", async () => {
    const { iterator, sink, first } = started();
    sink.push([delta("a")]);
    sink.fail(new Error("boom"));
    expect(texts((await first).value)).toBe("a");
    await expect(iterator.next()).rejects.toThrow("boom");
  });

  it("cancels the producer when the consumer leaves early, and ignores what it pushes afterwards", async () => {
    const { iterator, sink, calls, first } = started();
    await iterator.return?.(undefined);
    expect((await first).done).toBe(true);
    expect(calls.cancelled).toBe(1);
    sink.push([delta("b")]);
    sink.fail(new Error("late"));
    expect((await iterator.next()).done).toBe(true);
    await iterator.return?.(undefined);
    expect(calls.cancelled).toBe(1);
  });

  it("does not cancel a producer that already finished", async () => {
    const { iterator, sink, calls, first } = started();
    sink.push([{ type: "finish", reason: "stop" }]);
    sink.close();
    await first;
    await iterator.return?.(undefined);
    expect(calls.cancelled).toBe(0);
  });

  it("lets a producer push while it starts", async () => {
    const iterator = batchQueue((sink) => {
      sink.push([delta("early")]);
      sink.close();
    });
    expect(texts((await iterator.next()).value)).toBe("early");
    expect((await iterator.next()).done).toBe(true);
  });

  it("with a cadence, hands over the first batch at once, then one batch per interval, and the end without waiting", withFakeTimers(async () => {
    let sink!: BatchSink;
    const iterator = batchQueue((s) => void (sink = s), { minIntervalMs: 16 });
    const first = iterator.next();
    sink.push([delta("a")]);
    expect(texts((await first).value)).toBe("a");

    // Pushed within the interval: held, then handed over together when it has passed.
    sink.push([delta("b")]);
    sink.push([delta("c")]);
    let second: IteratorResult<readonly StreamEvent[]> | undefined;
    void iterator.next().then((result) => (second = result));
    await vi.advanceTimersByTimeAsync(15);
    expect(second).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(texts(second?.value)).toBe("b,c");

    // Slower than the cadence: no wait at all.
    await vi.advanceTimersByTimeAsync(40);
    const third = iterator.next();
    sink.push([delta("d")]);
    expect(texts((await third).value)).toBe("d");

    // Within the interval again, but then the end: nothing waits for the cadence.
    sink.push([delta("e")]);
    const fourth = iterator.next();
    sink.push([{ type: "finish", reason: "stop" }]);
    sink.close();
    expect(texts((await fourth).value)).toBe("e,finish");
    expect((await iterator.next()).done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  }));

  it("with a cadence, a consumer that leaves cancels the pending hand-over", withFakeTimers(async () => {
    const { iterator, sink } = await afterFirstBatch({ minIntervalMs: 16 });
    sink.push([delta("b")]);
    const pending = iterator.next();
    await iterator.return?.(undefined);
    expect((await pending).done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  }));

  it("with a cadence, hands over a full queue at once instead of pausing the producer for the interval", withFakeTimers(async () => {
    const { iterator, sink } = await afterFirstBatch({ minIntervalMs: 50, highWater: 4 });
    // A producer at full speed: the queue fills within the interval.
    expect(sink.push([delta("b"), delta("c")])).toBe(true);
    const second = iterator.next();
    // Full: handed over at once, so the producer is not even asked to pause.
    expect(sink.push([delta("d"), delta("e")])).toBe(true);
    expect(texts((await second).value)).toBe("b,c,d,e");
    expect(vi.getTimerCount()).toBe(0);
  }));

  it("with a cadence, a full queue handed over early starts the next interval", withFakeTimers(async () => {
    const { iterator, sink } = await afterFirstBatch({ minIntervalMs: 50, highWater: 2 });
    // Past the interval, the queue fills and goes at once...
    await vi.advanceTimersByTimeAsync(60);
    const second = iterator.next();
    sink.push([delta("b"), delta("c")]);
    expect(texts((await second).value)).toBe("b,c");
    // ...so what comes right after waits a whole interval from that hand-over, not from the first.
    let third: IteratorResult<readonly StreamEvent[]> | undefined;
    void iterator.next().then((result) => (third = result));
    sink.push([delta("d")]);
    await vi.advanceTimersByTimeAsync(49);
    expect(third).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(texts(third?.value)).toBe("d");
    await iterator.return?.(undefined);
  }));
});

/** Runs a test on fake timers (the cadence reads performance.now), restoring real ones after. */
function withFakeTimers(test: () => Promise<void>): () => Promise<void> {
  return async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    try {
      await test();
    } finally {
      vi.useRealTimers();
    }
  };
}

/** A queue with `options` whose producer has pushed "a" and whose first batch ("a") was taken. */
async function afterFirstBatch(options: BatchQueueOptions) {
  let sink!: BatchSink;
  const iterator = batchQueue((s) => void (sink = s), options);
  const first = iterator.next();
  sink.push([delta("a")]);
  await first;
  return { iterator, sink };
}
