import { afterEach, describe, expect, it, vi } from "vitest";
import { debouncedLocalStorage } from "./debounced-storage";
import { useStorageRefusals } from "./storage-refusals";

describe("debouncedLocalStorage", () => {
  afterEach(() => {
    vi.useRealTimers();
    useStorageRefusals.setState({ refused: [] });
  });

  // Before, a refused write was swallowed: the page went on as if saved, and a reload showed older state.
  it("reports a write the browser refuses (storage full), and clears it once a write succeeds", () => {
    vi.useFakeTimers();
    const saved = new Map<string, string>();
    let full = true;
    globalThis.localStorage = {
      getItem: (k: string) => saved.get(k) ?? null,
      setItem: (k: string, v: string) => {
        if (full) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        saved.set(k, v);
      },
      removeItem: (k: string) => void saved.delete(k),
    } as Storage;
    const storage = debouncedLocalStorage<{ n: number }>(400);

    storage.setItem("conversation", { state: { n: 1 }, version: 1 });
    // Held until written, and read back from memory meanwhile.
    expect(storage.getItem("conversation")).toEqual({ state: { n: 1 }, version: 1 });
    vi.advanceTimersByTime(400);
    expect(saved.has("conversation")).toBe(false);
    expect(useStorageRefusals.getState().refused).toEqual(["conversation"]);

    full = false;
    storage.setItem("conversation", { state: { n: 2 }, version: 1 });
    vi.advanceTimersByTime(400);
    expect(JSON.parse(saved.get("conversation")!)).toEqual({ state: { n: 2 }, version: 1 });
    expect(useStorageRefusals.getState().refused).toEqual([]);
  });
});
