import { describe, expect, it, vi } from "vitest";
import type { EventBatch, StreamEvent } from "../chat/events";
import { readReplyStream, type ReadReplyOptions } from "./read-reply-stream";
import { startReplyClock } from "./reply-metrics";
import type { UiMessage } from "./ui-message";

const placeholder = (): UiMessage => ({ id: "r1", role: "assistant", content: "", state: "streaming" });

/** Ticks that run only when the test says so. */
function manualTicks() {
  const pending = new Set<() => void>();
  return {
    schedule: (fn: () => void) => {
      pending.add(fn);
      return () => void pending.delete(fn);
    },
    get pending() {
      return pending.size;
    },
    tick() {
      const due = [...pending];
      pending.clear();
      for (const fn of due) fn();
    },
  };
}

/** Yields `before`, then waits until `open()` is called, then yields `after`. */
function gatedStream(before: StreamEvent[][], after: StreamEvent[][]) {
  let open!: () => void;
  let reachedGate!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const reached = new Promise<void>((resolve) => (reachedGate = resolve));
  async function* batches(): AsyncGenerator<EventBatch> {
    yield* before;
    reachedGate();
    await gate;
    yield* after;
  }
  return { batches: batches(), reached, open };
}

async function* streamOf(...batches: StreamEvent[][]): AsyncGenerator<EventBatch> {
  yield* batches;
}

function setup(overrides: Partial<ReadReplyOptions> = {}) {
  const ticks = manualTicks();
  const show = vi.fn<(reply: UiMessage) => void>();
  const options: ReadReplyOptions = { show, commitDelayMs: 50, clock: startReplyClock(), isContinuation: false, schedule: ticks.schedule, ...overrides };
  return { ticks, show, options };
}

describe("readReplyStream", () => {
  it("while streaming, the page sees the reply only on the tick, once, with everything read so far", async () => {
    const { ticks, show, options } = setup();
    const { batches, reached, open } = gatedStream([[{ type: "text-delta", text: "Hel" }], [{ type: "text-delta", text: "lo" }]], [[{ type: "finish", reason: "stop" }]]);
    const reading = readReplyStream(batches, placeholder(), options);
    await reached;
    expect(show).not.toHaveBeenCalled();
    expect(ticks.pending).toBe(1);

    ticks.tick();
    expect(show).toHaveBeenCalledTimes(1);
    expect(show.mock.lastCall?.[0]).toMatchObject({ content: "Hello", state: "streaming" });

    open();
    const reply = await reading;
    expect(reply).toMatchObject({ content: "Hello", state: "done" });
    expect(show).toHaveBeenCalledTimes(2);
    expect(show.mock.lastCall?.[0]).toBe(reply);
  });

  it("the end is shown at once and the held update is dropped", async () => {
    const { ticks, show, options } = setup();
    const reply = await readReplyStream(streamOf([{ type: "text-delta", text: "Hi" }], [{ type: "finish", reason: "stop" }]), placeholder(), options);
    expect(show).toHaveBeenCalledTimes(1);
    expect(show).toHaveBeenCalledWith(reply);
    expect(ticks.pending).toBe(0);
  });

  it("a read that changes nothing schedules no update", async () => {
    const { ticks, options } = setup();
    const unknown = { type: "reasoning-delta", text: "hmm" } as unknown as StreamEvent;
    const { batches, reached, open } = gatedStream([[], [unknown]], [[{ type: "finish", reason: "stop" }]]);
    const reading = readReplyStream(batches, placeholder(), options);
    await reached;
    expect(ticks.pending).toBe(0);
    open();
    await reading;
  });

  it("times the first text rather than the first read, and puts the metrics on the finished reply", async () => {
    let now = 0;
    const { options } = setup({ clock: startReplyClock(() => now) });
    async function* timed(): AsyncGenerator<EventBatch> {
      now = 100;
      yield [{ type: "warnings", warnings: [{ setting: "seed", message: "ignored" }] }];
      now = 250;
      yield [{ type: "text-delta", text: "Hi" }];
      now = 1250;
      yield [{ type: "usage", usage: { promptTokens: 3, completionTokens: 10 } }, { type: "finish", reason: "stop" }];
    }
    const reply = await readReplyStream(timed(), placeholder(), options);
    expect(reply.metrics).toEqual({ timeToFirstTokenMs: 250, totalMs: 1250, tokensPerSecond: 10 });
  });

  it("a failed or stopped reply keeps the text that came before, and only the stopped one is timed", async () => {
    const failed = await readReplyStream(
      streamOf([{ type: "text-delta", text: "part" }], [{ type: "error", code: "connection_dropped", message: "Dropped." }]),
      placeholder(),
      setup().options,
    );
    expect(failed).toMatchObject({ content: "part", state: "error", error: { code: "connection_dropped" } });
    expect(failed).not.toHaveProperty("metrics");

    const stopped = await readReplyStream(streamOf([{ type: "text-delta", text: "part" }], [{ type: "finish", reason: "abort" }]), placeholder(), setup().options);
    expect(stopped).toMatchObject({ content: "part", state: "stopped", finishReason: "abort" });
    expect(stopped.metrics?.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
  });

  it("a continuation ends without the server's signature", async () => {
    const signed: StreamEvent[] = [{ type: "text-delta", text: " barked" }, { type: "finish", reason: "stop", signature: "sig" }];
    expect((await readReplyStream(streamOf(signed), placeholder(), setup({ isContinuation: true }).options)).signature).toBeUndefined();
    expect((await readReplyStream(streamOf(signed), placeholder(), setup().options)).signature).toBe("sig");
  });
});
