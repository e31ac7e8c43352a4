import { describe, expect, it } from "vitest";
import { finishedReply, stoppedReply } from "./reply-endings";
import type { UiMessage } from "./ui-message";

const metrics = { timeToFirstTokenMs: 200, totalMs: 900 };
const ended = (state: UiMessage["state"], extra: Partial<UiMessage> = {}): UiMessage => ({ id: "r1", role: "assistant", content: "Hi", state, ...extra });

describe("finishedReply", () => {
  it("adds the metrics to a done or stopped reply", () => {
    expect(finishedReply(ended("done"), metrics, false).metrics).toEqual(metrics);
    expect(finishedReply(ended("stopped"), metrics, false).metrics).toEqual(metrics);
  });

  it("a failed reply carries no metrics", () => {
    expect(finishedReply(ended("error"), metrics, false)).not.toHaveProperty("metrics");
  });

  it("without metrics (no text came) the reply is left as it is", () => {
    const reply = ended("done");
    expect(finishedReply(reply, undefined, false)).toBe(reply);
  });

  it("a continuation keeps no signature; a reply of the model's own keeps its", () => {
    expect(finishedReply(ended("done", { signature: "sig" }), metrics, true).signature).toBeUndefined();
    expect(finishedReply(ended("done", { signature: "sig" }), metrics, false).signature).toBe("sig");
  });
});

describe("stoppedReply", () => {
  it("marks the reply stopped by an abort and keeps its text", () => {
    expect(stoppedReply(ended("streaming"))).toEqual({ id: "r1", role: "assistant", content: "Hi", state: "stopped", finishReason: "abort" });
  });
});
