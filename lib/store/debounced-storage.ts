/**
 * localStorage for zustand's persist, serialised and written at most every `delayMs`: a
 * streaming reply changes the store ~30 times a second, and stringifying the whole conversation
 * that often is waste. The latest state object is held as is and only turned into JSON when
 * written. Pending writes are flushed when the page is hidden or unloaded.
 */
import type { PersistStorage, StorageValue } from "zustand/middleware";
import { reportWrite } from "./storage-refusals";

export function debouncedLocalStorage<S>(delayMs = 400): PersistStorage<S> {
  const pending = new Map<string, StorageValue<S>>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    for (const [key, value] of pending) {
      try {
        localStorage.setItem(key, JSON.stringify(value));
        reportWrite(key, null);
      } catch (error) {
        // Quota or private mode: the page keeps working in memory, and says a reload would lose it.
        reportWrite(key, error);
      }
    }
    pending.clear();
  };

  if (typeof window !== "undefined") {
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && flush());
  }

  return {
    getItem: (key) => {
      const held = pending.get(key);
      if (held) return held;
      const stored = localStorage.getItem(key);
      if (stored === null) return null;
      try {
        return JSON.parse(stored) as StorageValue<S>;
      } catch {
        return null;
      }
    },
    setItem: (key, value) => {
      pending.set(key, value);
      timer ??= setTimeout(flush, delayMs);
    },
    removeItem: (key) => {
      pending.delete(key);
      localStorage.removeItem(key);
      reportWrite(key, null);
    },
  };
}
