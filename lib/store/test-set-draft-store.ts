"use client";
/**
 * The test cases of the page's unsaved prompt, kept across reloads (a saved prompt keeps its own
 * in the prompt library). Imported only by the Test cases view, so it is not in the page's first
 * load; it hydrates when that view first opens.
 */
import { create } from "zustand";
import { persist } from "zustand/middleware";
import type { TestSet } from "../prompts/prompt-file-test-set";
import { debouncedLocalStorage } from "./debounced-storage";

interface TestSetDraftState {
  testSet: TestSet | null;
  setTestSet(testSet: TestSet | null): void;
}

export const useTestSetDraftStore = create<TestSetDraftState>()(
  persist((set) => ({ testSet: null, setTestSet: (testSet) => set({ testSet }) }), {
    name: "playground-test-set",
    version: 1,
    storage: debouncedLocalStorage(),
    partialize: ({ testSet }) => ({ testSet }),
  }),
);
