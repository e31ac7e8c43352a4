"use client";
/**
 * Where the view's test set is kept: with the open saved prompt in the prompt library (the
 * browser's, or the server's for this access key), or, for an unsaved page, in this browser until
 * it is saved. The set belongs to the prompt, not to a version, so saving it adds no version.
 * Changes are written half a second after the last one, and at once when the view closes.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useOpenPrompt } from "@/lib/hooks/use-open-prompt";
import { PROMPTS_KEY, usePromptLibrary } from "@/lib/hooks/use-prompt-library";
import type { Prompt } from "@/lib/prompts/prompt";
import { emptyTestSet, followVariables, type TestSet } from "@/lib/evals/test-set";
import type { OpenedPrompt } from "@/lib/store/prompt-session-store";
import { useTestSetDraftStore } from "@/lib/store/test-set-draft-store";

const SAVE_DELAY_MS = 500;

export type SaveStatus = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; where: string } | { kind: "error"; message: string };

export interface TestSetStorage {
  /** null while the open prompt is read. */
  set: TestSet | null;
  change(next: TestSet): void;
  status: SaveStatus;
  opened: OpenedPrompt | null;
  /** The open prompt whole (its versions are columns a run can have), once read. */
  prompt: Prompt | null;
}

export function useTestSetStorage(variables: readonly string[]): TestSetStorage {
  const { opened, prompt, loading } = useOpenPrompt();
  const library = usePromptLibrary();
  const queries = useQueryClient();
  const [edited, setEdited] = useState<TestSet | null>(null);
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; write(): void } | null>(null);

  // Until edited here: the prompt's set, else the page's unsaved one (kept when the page was then
  // saved as a prompt), else an empty one. Its columns follow the prompt's variables.
  const [draft] = useState(() => useTestSetDraftStore.getState().testSet);
  // A saved prompt without cases takes the page's unsaved ones only when they are for its variables.
  const draftFits = draft !== null && (!opened || draft.columns.some((c) => variables.includes(c)));
  const set = useMemo(
    () => (loading ? null : followVariables(edited ?? prompt?.testSet ?? (draftFits ? draft : null) ?? emptyTestSet(variables), variables)),
    [loading, edited, prompt, draft, draftFits, variables],
  );

  const flush = useCallback(() => {
    const held = pending.current;
    if (!held) return;
    clearTimeout(held.timer);
    pending.current = null;
    held.write();
  }, []);
  useEffect(() => flush, [flush]);

  const change = useCallback(
    (next: TestSet) => {
      setEdited(next);
      if (pending.current) clearTimeout(pending.current.timer);
      const write = opened
        ? () => {
            setStatus({ kind: "saving" });
            library.setTestSet(opened.id, next).then(
              () => {
                setStatus({ kind: "saved", where: `Saved with "${opened.name}".` });
                void queries.invalidateQueries({ queryKey: PROMPTS_KEY });
              },
              (error: Error) => setStatus({ kind: "error", message: `Not saved: ${error.message}` }),
            );
          }
        : () => {
            useTestSetDraftStore.getState().setTestSet(next);
            setStatus({ kind: "saved", where: "Kept in this browser; saved with the prompt once you save it." });
          };
      pending.current = { timer: setTimeout(() => ((pending.current = null), write()), SAVE_DELAY_MS), write };
    },
    [opened, library, queries],
  );

  return { set, change, status, opened, prompt };
}
