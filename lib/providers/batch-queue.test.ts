import { describe, expect, it } from "vitest";
import type { StreamEvent } from "../chat/events";
import { batchQueue, type BatchSink } from "./batch-queue";

const delta = (text: string): StreamEvent => ({ type: "text-delta", text });
const texts = (batch: readonly StreamEvent[]) => batch.map((e) => (e.type === "text-delta" ? e.text : e.type)).join(",");

function withSink() {
  let sink!: BatchSink;
  const calls = { resumed: 0, cancelled: 0 };
  const iterator = batchQueue(
    (s) => {
      sink = s;
      return { resume: () => void calls.resumed++, cancel: () => void calls.cancelled++ };
    },
    4,
  );
  return { iterator, sink, calls };
}

describe("batchQueue", () => {
  it("hands over everything pushed since the last pull as one batch, then the end", async () => {
    const { iterator, sink } = withSink();
    sink.push([delta("a")]);
    sink.push([delta("b"), delta("c")]);
    expect(texts((await iterator.next()).value)).toBe("a,b,c");
    sink.push([{ type: "finish", reason: "stop" }]);
    sink.close();
    expect(texts((await iterator.next()).value)).toBe("finish");
    expect((await iterator.next()).done).toBe(true);
  });

  it("answers a waiting pull with the next push", async () => {
    const { iterator, sink } = withSink();
    const pending = iterator.next();
    sink.push([delta("late")]);
    expect(texts((await pending).value)).toBe("late");
  });

  it("says when the consumer is behind, and resumes the producer once the queue is taken", async () => {
    const { iterator, sink, calls } = withSink();
    expect(sink.push([delta("1"), delta("2")])).toBe(true);
    expect(sink.push([delta("3"), delta("4")])).toBe(false);
    expect(calls.resumed).toBe(0);
    await iterator.next();
    expect(calls.resumed).toBe(1);
    expect(sink.push([delta("5")])).toBe(true);
  });

  it("passes a failure on after what was queued", async () => {
    const { iterator, sink } = withSink();
    sink.push([delta("a")]);
    sink.fail(new Error("boom"));
    expect(texts((await iterator.next()).value)).toBe("a");
    await expect(iterator.next()).rejects.toThrow("boom");
  });

  it("cancels the producer when the consumer leaves early, and ignores what it pushes afterwards", async () => {
    const { iterator, sink, calls } = withSink();
    sink.push([delta("a")]);
    await iterator.return?.(undefined);
    expect(calls.cancelled).toBe(1);
    sink.push([delta("b")]);
    expect((await iterator.next()).done).toBe(true);
    await iterator.return?.(undefined);
    expect(calls.cancelled).toBe(1);
  });

  it("does not cancel a producer that already finished", async () => {
    const { iterator, sink, calls } = withSink();
    sink.push([{ type: "finish", reason: "stop" }]);
    sink.close();
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
});
