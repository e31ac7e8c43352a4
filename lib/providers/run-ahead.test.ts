import { describe, expect, it } from "vitest";
import type { EventBatch } from "../chat/events";
import { runAhead } from "./run-ahead";

const tick = () => new Promise((r) => setTimeout(r, 1));
const delta = (text: string) => ({ type: "text-delta" as const, text });

describe("runAhead", () => {
  it("keeps producing while the consumer is busy, and hands over everything made meanwhile as one batch", async () => {
    let produced = 0;
    async function* engine(): AsyncGenerator<EventBatch> {
      for (let i = 0; i < 10; i++) {
        await tick();
        produced++;
        yield [delta(String(i))];
      }
      yield [{ type: "finish", reason: "stop" }];
    }
    const batches: EventBatch[] = [];
    for await (const batch of runAhead(engine())) {
      batches.push(batch);
      if (batches.length === 1) await new Promise((r) => setTimeout(r, 30)); // a slow write
    }
    expect(batches.flat().map((e) => (e.type === "text-delta" ? e.text : e.type)).join(",")).toBe("0,1,2,3,4,5,6,7,8,9,finish");
    expect(batches.length).toBeLessThan(6);
    expect(produced).toBe(10);
  });

  it("pauses the producer when the buffer is full", async () => {
    let produced = 0;
    async function* endless(): AsyncGenerator<EventBatch> {
      for (;;) {
        produced++;
        yield [delta("x")];
      }
    }
    const iterator = runAhead(endless(), { highWater: 50 })[Symbol.asyncIterator]();
    await iterator.next();
    await new Promise((r) => setTimeout(r, 20));
    expect(produced).toBeLessThanOrEqual(52);
    await iterator.return?.(undefined);
  });

  it("stops the producer when the consumer leaves", async () => {
    let closed = false;
    async function* engine(): AsyncGenerator<EventBatch> {
      try {
        for (;;) {
          await tick();
          yield [delta("x")];
        }
      } finally {
        closed = true;
      }
    }
    for await (const batch of runAhead(engine())) if (batch.length) break;
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(true);
  });

  it("passes a producer's failure on after what it made", async () => {
    async function* failing(): AsyncGenerator<EventBatch> {
      yield [delta("a")];
      throw new Error("boom");
    }
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const batch of runAhead(failing())) for (const e of batch) seen.push(e.type);
      })(),
    ).rejects.toThrow("boom");
    expect(seen).toEqual(["text-delta"]);
  });
});
