"use client";
/**
 * The saved prompt open in the page, read whole from the library: its versions are what the Test
 * cases view can run as columns and what a blind A/B can compare. One hook, so both views agree on
 * which prompt is open and when it is still being read.
 */
import type { Prompt } from "../prompts/prompt";
import { usePromptSessionStore, type OpenedPrompt } from "../store/prompt-session-store";
import { usePrompt } from "./use-prompt-library";

export interface OpenPrompt {
  /** What the page says is open (null on an unsaved page). */
  opened: OpenedPrompt | null;
  /** The prompt whole, once read; null while it is read, on an unsaved page, or when it is gone from the library. */
  prompt: Prompt | null;
  /** True while an open prompt is read. */
  loading: boolean;
  /** Why the open prompt could not be read. */
  error: Error | null;
}

export function useOpenPrompt(): OpenPrompt {
  const opened = usePromptSessionStore((s) => s.opened);
  const query = usePrompt(opened?.id ?? "");
  if (!opened) return { opened: null, prompt: null, loading: false, error: null };
  return { opened, prompt: query.data ?? null, loading: query.isPending, error: query.error };
}
