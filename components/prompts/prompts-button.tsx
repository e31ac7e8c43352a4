"use client";
import { useCallback } from "react";
import { usePromptLibraryKind } from "@/lib/hooks/prompt-library-kind";
import { LazyDialogButton } from "../ui/lazy-dialog-button";

// Storage, import and export, versions and their diff: loaded when the page is idle.
const loadPanel = () => import("./prompt-library-panel");

export function PromptsButton() {
  const kind = usePromptLibraryKind();
  // With its code, its database is opened: the first open then only reads the list.
  const warm = useCallback(() => void loadPanel().then((m) => m.warmPromptLibrary(kind)), [kind]);
  return <LazyDialogButton label="Prompts" title="Prompt library" load={() => loadPanel().then((m) => m.PromptLibraryPanel)} warm={warm} />;
}
