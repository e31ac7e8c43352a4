/**
 * A prompt as the library's list shows it: its name, description, labels, version count and last
 * save, and the text its search reads. Kept beside each prompt (the browser stores one per prompt),
 * so opening a library of 1,000 prompts × 20 versions reads ~1,000 small records instead of 20,000
 * versions, and a keystroke scans one lower-cased string per prompt.
 */
import { latestVersion, type Prompt } from "./prompt";

export interface PromptListing {
  id: string;
  name: string;
  description?: string;
  labels: Record<string, number>;
  /** How many versions, and the newest's number and date (ISO 8601). */
  versions: number;
  latestVersion: number;
  savedAt: string;
  /** Name, description and the latest system message, lower-cased once: what a search matches. */
  searchText: string;
}

export function listingOf(prompt: Prompt): PromptListing {
  const latest = latestVersion(prompt);
  return {
    id: prompt.id,
    name: prompt.name,
    ...(prompt.description ? { description: prompt.description } : {}),
    labels: prompt.labels,
    versions: prompt.versions.length,
    latestVersion: latest.version,
    savedAt: latest.createdAt,
    searchText: [prompt.name, prompt.description ?? "", latest.systemMessage].join("\n").toLowerCase(),
  };
}

/** Most recently saved first. */
export const byLastSave = (a: PromptListing, b: PromptListing): number => b.savedAt.localeCompare(a.savedAt);

/** The listings whose name, description or latest system message contain `query` (any case). */
export function searchListings(listings: readonly PromptListing[], query: string): readonly PromptListing[] {
  const q = query.trim().toLowerCase();
  return q ? listings.filter((listing) => listing.searchText.includes(q)) : listings;
}
