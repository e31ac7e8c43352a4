/**
 * localStorage for zustand's persist, written at most every `delayMs`: a streaming reply
 * changes the store up to 60 times a second, and serialising the whole conversation that
 * often is waste. Pending writes are flushed when the page is hidden or unloaded.
 */
import type { StateStorage } from "zustand/middleware";

export function debouncedLocalStorage(delayMs = 400): StateStorage {
  const pending = new Map<string, string>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    for (const [key, value] of pending) {
      try {
        localStorage.setItem(key, value);
      } catch {
        /* quota or private mode: keep working in memory */
      }
    }
    pending.clear();
  };

  if (typeof window !== "undefined") {
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && flush());
  }

  return {
    getItem: (key) => pending.get(key) ?? localStorage.getItem(key),
    setItem: (key, value) => {
      pending.set(key, value);
      timer ??= setTimeout(flush, delayMs);
    },
    removeItem: (key) => {
      pending.delete(key);
      localStorage.removeItem(key);
    },
  };
}
