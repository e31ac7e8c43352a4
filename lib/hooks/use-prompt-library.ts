"use client";
/**
 * React hooks over the page's prompt library: the browser's (IndexedDB) by default, the server's
 * for this access key when the app has keys (the page says which: ./prompt-library-kind.ts). Loaded
 * with the library's dialogs, not with the page.
 * Its listings and prompts are react-query data.
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

/** The library of `kind`, its queries made stale by any change to it, in this tab or another. */
function useLibraryOf(kind: PromptLibraryKind): PromptLibrary {
  const queries = useQueryClient();
  const library = promptLibraryOf(kind);
  useEffect(() => library.subscribe(() => void queries.invalidateQueries({ queryKey: [...PROMPTS_KEY, kind] })), [queries, library, kind]);
  return library;
}

/** The listings of the page's library's prompts, or of the library `of` names. */
export function usePromptListings(of?: PromptLibraryKind) {
  const pageKind = usePromptLibraryKind();
  const kind = of ?? pageKind;
  const library = useLibraryOf(kind);
  return useQuery({ queryKey: [...PROMPTS_KEY, kind, "listings"], queryFn: () => library.listings(), staleTime: kind === "server" ? 10_000 : Infinity });
}

/** One prompt of the page's library, whole (null when it is not there). */
export function usePrompt(id: string) {
  const kind = usePromptLibraryKind();
  const library = useLibraryOf(kind);
  return useQuery({ queryKey: [...PROMPTS_KEY, kind, "prompt", id], queryFn: async () => (await library.get(id)) ?? null, staleTime: kind === "server" ? 10_000 : Infinity });
}
