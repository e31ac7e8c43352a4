"use client";
/** Which prompt library the page uses: the browser's by default, the server's for this access key when the app has keys. Light: the page imports it. */
import { createContext, createElement, useContext, type ReactNode } from "react";

export type PromptLibraryKind = "browser" | "server";

const KindContext = createContext<PromptLibraryKind>("browser");

export function PromptLibraryKindProvider({ kind, children }: { kind: PromptLibraryKind; children: ReactNode }) {
  return createElement(KindContext.Provider, { value: kind }, children);
}

export const usePromptLibraryKind = (): PromptLibraryKind => useContext(KindContext);
