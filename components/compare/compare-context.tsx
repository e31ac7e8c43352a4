"use client";
/** The page's compare store, for views outside compare mode that offer its columns (Test cases). */
import { createContext, useContext, type ReactNode } from "react";
import type { CompareStore } from "@/lib/store/compare-store";

const CompareContext = createContext<CompareStore | null>(null);

export function CompareStoreProvider({ store, children }: { store: CompareStore; children: ReactNode }) {
  return <CompareContext.Provider value={store}>{children}</CompareContext.Provider>;
}

/** The compare store, or null outside a playground. */
export const useCompareStore = (): CompareStore | null => useContext(CompareContext);
