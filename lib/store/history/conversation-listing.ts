/**
 * A past conversation as the History list shows it: title, last change, model and message count.
 * The text a search reads is kept apart (./conversation-history.ts reads it on the first search
 * only), so the list of 1,000 conversations opens from small records.
 */
import type { MessageTree } from "../conversation-store";
import { messageCount, pathOf } from "../../tree/conversation-tree";

/** The history's bound: saving a new conversation beyond it drops the oldest (docs/playground.md). */
export const MAX_CONVERSATIONS = 1000;

export interface SavedConversation {
  id: string;
  tree: MessageTree;
  model?: string;
  /** ISO 8601. */
  updatedAt: string;
}

export interface ConversationListing {
  id: string;
  title: string;
  /** A title the user gave: kept as the conversation changes. */
  named?: boolean;
  updatedAt: string;
  model?: string;
  /** Every message, in every branch. */
  messageCount: number;
}

const TITLE_WORDS = 8;

/** The first words of the first message on the shown path. */
export function titleOf(tree: MessageTree): string {
  const first = pathOf(tree).find((m) => m.role === "user")?.content.trim() ?? "";
  const words = first.split(/\s+/).filter(Boolean);
  if (!words.length) return "Untitled conversation";
  return words.length > TITLE_WORDS ? `${words.slice(0, TITLE_WORDS).join(" ")}…` : words.join(" ");
}

export function listingOf(saved: SavedConversation, previous?: ConversationListing): ConversationListing {
  const named = previous?.named === true;
  return {
    id: saved.id,
    title: named ? previous.title : titleOf(saved.tree),
    ...(named ? { named } : {}),
    updatedAt: saved.updatedAt,
    ...(saved.model ? { model: saved.model } : {}),
    messageCount: messageCount(saved.tree),
  };
}

/** Every message's text, lower-cased once: what a search matches besides the title. */
export const searchTextOf = (tree: MessageTree): string =>
  Object.values(tree.nodes)
    .map((node) => node.message.content)
    .join("\n")
    .toLowerCase();

export const byLastChange = (a: ConversationListing, b: ConversationListing): number => b.updatedAt.localeCompare(a.updatedAt);

/** The listings whose title or text (`texts` by id, once read) contain `query`, in any case. */
export function searchConversations(listings: readonly ConversationListing[], texts: Readonly<Record<string, string>> | undefined, query: string): readonly ConversationListing[] {
  const q = query.trim().toLowerCase();
  if (!q) return listings;
  return listings.filter((l) => l.title.toLowerCase().includes(q) || texts?.[l.id]?.includes(q));
}
