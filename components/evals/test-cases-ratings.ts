"use client";
/**
 * The person's Good / Bad ratings of a run's cells, outside React state: a rating re-renders its
 * own cell and the summary, not the grid. Made per view (no module-level state).
 */
import { useState, useSyncExternalStore } from "react";
import type { Rating } from "@/lib/evals/results";

export interface RatingsStore {
  get(key: string): Rating | undefined;
  /** The same rating again takes it back. */
  toggle(key: string, rating: Rating): void;
  clear(key?: string): void;
  all(): ReadonlyMap<string, Rating>;
  subscribe(listener: () => void): () => void;
}

export function createRatingsStore(): RatingsStore {
  let ratings = new Map<string, Rating>();
  const listeners = new Set<() => void>();
  const changed = (next: Map<string, Rating>) => {
    ratings = next;
    listeners.forEach((l) => l());
  };
  return {
    get: (key) => ratings.get(key),
    toggle(key, rating) {
      const next = new Map(ratings);
      if (next.get(key) === rating) next.delete(key);
      else next.set(key, rating);
      changed(next);
    },
    clear(key) {
      if (key === undefined) return changed(new Map());
      if (!ratings.has(key)) return;
      const next = new Map(ratings);
      next.delete(key);
      changed(next);
    },
    all: () => ratings,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const useRatingsStore = (): RatingsStore => useState(createRatingsStore)[0];

export function useRating(store: RatingsStore, key: string): Rating | undefined {
  const read = () => store.get(key);
  return useSyncExternalStore(store.subscribe, read, read);
}

export const useAllRatings = (store: RatingsStore): ReadonlyMap<string, Rating> => useSyncExternalStore(store.subscribe, store.all, store.all);
