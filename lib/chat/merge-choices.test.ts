import { describe, expect, it } from "vitest";
import type { EventBatch, StreamEvent } from "./events";
import { mergeChoices } from "./merge-choices";
import { collectEvents } from "../testing/collect-events";

/** A provider whose i-th stream (in call order) yields `scripts[i]`, one batch per entry. */
function scripted(scripts: StreamEvent[][][]) {
  let call = 0;
  const signals: AbortSignal[] = [];
  const returned: number[] = [];
  const produce = (signal: AbortSignal) => {
    const index = call++;
    signals.push(signal);
    return (async function* (): AsyncGenerator<EventBatch> {
      try {
        for (const batch of scripts[index]) {
          await new Promise((r) => setTimeout(r, 1));
          yield batch;
          if (signal.aborted) return;
        }
        // Waits, as a long reply would, until it is stopped.
        await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve())));
      } finally {
        returned.push(index);
      }
    })();
  };
  return { produce, signals, returned };
}

const usage = (promptTokens: number, completionTokens: number): StreamEvent => ({ type: "usage", usage: { promptTokens, completionTokens } });

describe("mergeChoices", () => {
  it("wraps each choice's events with its index, keeps each finish, and ends once with the completions summed and the prompt once", async () => {
    const { produce } = scripted([
      [[{ type: "text-delta", text: "a" }], [usage(5, 1), { type: "finish", reason: "stop" }]],
      [[{ type: "text-delta", text: "b" }, { type: "text-delta", text: "c" }], [usage(5, 2), { type: "finish", reason: "length" }]],
    ]);
    const events = await collectEvents(mergeChoices(produce, 2, new AbortController().signal));
    expect(events.filter((e) => e.type === "choice")).toEqual(
      expect.arrayContaining([
        { type: "choice", index: 0, event: { type: "text-delta", text: "a" } },
        { type: "choice", index: 1, event: { type: "text-delta", text: "c" } },
        { type: "choice", index: 0, event: { type: "finish", reason: "stop" } },
        { type: "choice", index: 1, event: { type: "finish", reason: "length" } },
      ]),
    );
    expect(events.slice(-2)).toEqual([usage(5, 3), { type: "finish", reason: "stop" }]);
    expect(events.filter((e) => e.type === "finish" || e.type === "error")).toHaveLength(1);
  });

  it("says the choices' shared warnings once", async () => {
    const warn: StreamEvent = { type: "warnings", warnings: [{ setting: "Seed", message: "no seed" }] };
    const { produce } = scripted([[[warn], [{ type: "finish", reason: "stop" }]], [[warn], [{ type: "finish", reason: "stop" }]]]);
    const events = await collectEvents(mergeChoices(produce, 2, new AbortController().signal));
    expect(events.filter((e) => e.type === "warnings")).toHaveLength(1);
  });

  it("ends with the first error any choice meets, and stops the others", async () => {
    const { produce, signals, returned } = scripted([[[{ type: "text-delta", text: "a" }]], [[{ type: "error", code: "engine_error", message: "boom" }]]]);
    const events = await collectEvents(mergeChoices(produce, 2, new AbortController().signal));
    expect(events.at(-1)).toEqual({ type: "error", code: "engine_error", message: "boom" });
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect(returned.sort()).toEqual([0, 1]);
  });

  it("stops every choice when the client goes", async () => {
    const client = new AbortController();
    const { produce, signals, returned } = scripted([[[{ type: "text-delta", text: "a" }]], [[{ type: "text-delta", text: "b" }]]]);
    const merged = mergeChoices(produce, 2, client.signal);
    await merged.next();
    client.abort();
    await merged.return(undefined);
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect(returned.sort()).toEqual([0, 1]);
  });
});
