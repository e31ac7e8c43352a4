"use client";
/**
 * Which cells show their whole reply ("Show all"), outside the cells: the grid draws only the
 * rows near the view, so a cell scrolled away and back is a new one, and shows its reply as it
 * was left. Made per view (no module-level state).
 */
import { useState, useSyncExternalStore } from "react";

export interface ExpandedCells {
  has(key: string): boolean;
  toggle(key: string): void;
  subscribe(listener: () => void): () => void;
}

export function createExpandedCells(): ExpandedCells {
  const expanded = new Set<string>();
  const listeners = new Set<() => void>();
  return {
    has: (key) => expanded.has(key),
    toggle(key) {
      if (!expanded.delete(key)) expanded.add(key);
      listeners.forEach((l) => l());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const useExpandedCells = (): ExpandedCells => useState(createExpandedCells)[0];

export function useExpanded(store: ExpandedCells, key: string): boolean {
  const read = () => store.has(key);
  return useSyncExternalStore(store.subscribe, read, read);
}
