"use client";
/** The links this browser created, with their revoke tokens (which exist nowhere else). */
import { create } from "zustand";
import { persist } from "zustand/middleware";

export interface MySharedLink {
  id: string;
  title: string;
  createdAt: string;
  expiresAt: string | null;
  /** Absent when the server reused a link someone created earlier: only its creator can revoke it. */
  revokeToken?: string;
  revoked?: boolean;
}

interface MySharesState {
  links: MySharedLink[];
  remember(link: MySharedLink): void;
  markRevoked(id: string): void;
  forget(id: string): void;
}

export const useMySharesStore = create<MySharesState>()(
  persist(
    (set) => ({
      links: [],
      remember: (link) =>
        set((s) => {
          const known = s.links.find((l) => l.id === link.id);
          // Keep a token we already hold: a repeat share of the same content returns none.
          const merged = { ...link, revokeToken: link.revokeToken ?? known?.revokeToken };
          return { links: [merged, ...s.links.filter((l) => l.id !== link.id)] };
        }),
      markRevoked: (id) => set((s) => ({ links: s.links.map((l) => (l.id === id ? { ...l, revoked: true } : l)) })),
      forget: (id) => set((s) => ({ links: s.links.filter((l) => l.id !== id) })),
    }),
    { name: "playground-my-shares", version: 1, skipHydration: true },
  ),
);
