"use client";
/** React hooks over the browser's prompt library (lib/client/prompt-library.ts): its prompts as react-query data, fresh after any change in any tab. */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { createBrowserPromptLibrary, type PromptLibrary } from "../client/prompt-library";

// One handle per page: it only opens the IndexedDB database, lazily, and holds no state of its own.
let library: PromptLibrary | undefined;
export const browserPromptLibrary = (): PromptLibrary => (library ??= createBrowserPromptLibrary());

export const PROMPTS_KEY = ["prompts"] as const;

export function usePrompts() {
  const queries = useQueryClient();
  useEffect(() => browserPromptLibrary().subscribe(() => void queries.invalidateQueries({ queryKey: PROMPTS_KEY })), [queries]);
  return useQuery({ queryKey: PROMPTS_KEY, queryFn: () => browserPromptLibrary().list(), staleTime: Infinity });
}
