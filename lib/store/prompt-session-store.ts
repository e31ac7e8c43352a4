"use client";
/**
 * The prompt side of the playground, kept across reloads: the variables' settings (type, default,
 * description, choices) and the values typed for them, the composer's draft (its variables count
 * as typed), and which saved prompt is open (so Save adds a version to it).
 */
import { create } from "zustand";
import { persist } from "zustand/middleware";
import type { VariableSpec } from "../prompts/prompt";
import { debouncedLocalStorage } from "./debounced-storage";

export interface OpenedPrompt {
  id: string;
  name: string;
  /** The version opened or last saved. */
  version: number;
}

interface PromptSessionState {
  specs: Record<string, VariableSpec>;
  values: Record<string, string>;
  draft: string;
  opened: OpenedPrompt | null;
  setValue(name: string, value: string): void;
  setSpec(spec: VariableSpec): void;
  setDraft(draft: string): void;
  setOpened(opened: OpenedPrompt | null): void;
  /** A prompt's variables replace the current ones; values start empty (defaults apply). */
  loadVariables(specs: readonly VariableSpec[]): void;
}

export const usePromptSessionStore = create<PromptSessionState>()(
  persist(
    (set) => ({
      specs: {},
      values: {},
      draft: "",
      opened: null,
      setValue: (name, value) => set((s) => ({ values: { ...s.values, [name]: value } })),
      setSpec: (spec) => set((s) => ({ specs: { ...s.specs, [spec.name]: spec } })),
      setDraft: (draft) => set({ draft }),
      setOpened: (opened) => set({ opened }),
      loadVariables: (specs) => set({ specs: Object.fromEntries(specs.map((s) => [s.name, s])), values: {} }),
    }),
    {
      name: "playground-prompt-session",
      version: 1,
      storage: debouncedLocalStorage(),
      skipHydration: true,
      partialize: ({ specs, values, draft, opened }) => ({ specs, values, draft, opened }),
    },
  ),
);

/** A variable's settings: the saved ones, or plain text. */
export const specOf = (specs: Readonly<Record<string, VariableSpec>>, name: string): VariableSpec => specs[name] ?? { name, type: "text" };

/** Every variable's value as Send fills it: typed, else its default. */
export function variableValues(state: Pick<PromptSessionState, "specs" | "values">): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of new Set([...Object.keys(state.specs), ...Object.keys(state.values)])) {
    const value = state.values[name] || state.specs[name]?.default;
    if (value) values[name] = value;
  }
  return values;
}
