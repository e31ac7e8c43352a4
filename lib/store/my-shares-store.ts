"use client";
/** The links this browser created, with their revoke tokens (which exist nowhere else). */
import { create } from "zustand";
import { persist } from "zustand/middleware";

export interface MySharedLink {
  id: string;
  title: string;
  createdAt: string;
  expiresAt: string | null;
  /** Absent when the server reused a link whose token this browser no longer holds. */
  revokeToken?: string;
  revoked?: boolean;
}

interface MySharesState {
  links: MySharedLink[];
  /** This browser's creator secret ("" until first needed); see creatorSecret(). */
  secret: string;
  /**
   * Sent with every create: the server dedupes identical content only for the same secret, so this
   * browser gets its own earlier link back and never someone else's. Made on first use, then kept.
   */
  creatorSecret(): string;
  remember(link: MySharedLink): void;
  markRevoked(id: string): void;
  forget(id: string): void;
}

/** 256 random bits as base64url (43 characters). */
function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export const useMySharesStore = create<MySharesState>()(
  persist(
    (set, get) => ({
      links: [],
      secret: "",
      creatorSecret: () => {
        const known = get().secret;
        if (known) return known;
        const secret = newSecret();
        set({ secret });
        return secret;
      },
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
    {
      name: "playground-my-shares",
      version: 1,
      skipHydration: true,
      partialize: (s) => ({ links: s.links, secret: s.secret }),
    },
  ),
);
