"use client";
/**
 * React hooks over the page's prompt library: the browser's (IndexedDB) by default, the server's
 * for this access key when the app has keys (the page says which: ./prompt-library-kind.ts). Loaded
 * with the library's dialogs, not with the page.
 * Its prompts are react-query data, fresh after any change in any tab.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { createBrowserPromptLibrary, type PromptLibrary } from "../client/prompt-library";
import { createServerPromptLibrary } from "../client/server-prompt-library";
import { usePromptLibraryKind, type PromptLibraryKind } from "./prompt-library-kind";

// One handle of each kind per page: they hold no state beyond a lazily opened database or channel.
const libraries: Partial<Record<PromptLibraryKind, PromptLibrary>> = {};
export const promptLibraryOf = (kind: PromptLibraryKind): PromptLibrary => (libraries[kind] ??= kind === "server" ? createServerPromptLibrary() : createBrowserPromptLibrary());

export const usePromptLibrary = (): PromptLibrary => promptLibraryOf(usePromptLibraryKind());

export const PROMPTS_KEY = ["prompts"] as const;

/** The page's library's prompts, or those of the library `of` names. */
export function usePrompts(of?: PromptLibraryKind) {
  const pageKind = usePromptLibraryKind();
  const kind = of ?? pageKind;
  const queries = useQueryClient();
  const library = promptLibraryOf(kind);
  useEffect(() => library.subscribe(() => void queries.invalidateQueries({ queryKey: [...PROMPTS_KEY, kind] })), [queries, library, kind]);
  return useQuery({ queryKey: [...PROMPTS_KEY, kind], queryFn: () => library.list(), staleTime: kind === "server" ? 10_000 : Infinity });
}
