/**
 * Where the server's prompt libraries live: one per owner (an access key's id, or "open"). Two
 * implementations (SQLite, PostgreSQL) keep the same contract and run the same test suite; the
 * rules (caps, merge, render) live in lib/prompts and the routes.
 */
import { contentOf, type Prompt, type PromptContent, type PromptVersion } from "../prompts/prompt";
import type { TestSet } from "../prompts/prompt-file-test-set";

export interface PromptSummary {
  id: string;
  name: string;
  description?: string;
  labels: Record<string, number>;
  /** How many versions, and the newest's number. */
  versions: number;
  latestVersion: number;
  updatedAt: Date;
}

export interface PromptPatch {
  name?: string;
  /** null removes it. */
  description?: string | null;
  labels?: Record<string, number>;
  /** The prompt's test set (not versioned: it belongs to the prompt, as in the prompt file); null removes it. */
  testSet?: TestSet | null;
}

export interface PromptRepository {
  /** The owner's prompts, most recently changed first. */
  list(owner: string): Promise<PromptSummary[]>;
  /** The owner's prompts whole, with their versions, most recently changed first (two queries, whatever the count). */
  listWhole(owner: string): Promise<Prompt[]>;
  get(owner: string, id: string): Promise<Prompt | undefined>;
  count(owner: string): Promise<number>;
  /** Stores a prompt with its versions; false when the owner already has one with this id. */
  insert(owner: string, prompt: Prompt, now: Date): Promise<boolean>;
  /**
   * Saves `content` as the next version, numbered in the same transaction that writes it, so
   * concurrent saves each get their own number. "full" at `maxVersions`.
   */
  addVersion(owner: string, id: string, content: PromptContent, note: string | undefined, now: Date, maxVersions: number): Promise<Prompt | "missing" | "full">;
  /** Adds the versions whose numbers the prompt lacks (an import); returns how many were added. */
  insertVersions(owner: string, id: string, versions: readonly PromptVersion[], now: Date): Promise<number>;
  update(owner: string, id: string, patch: PromptPatch, now: Date): Promise<Prompt | undefined>;
  remove(owner: string, id: string): Promise<boolean>;
}

/** A version as stored: its content as JSON, its number, date and note in columns. */
export const versionRow = (owner: string, promptId: string, version: PromptVersion) => ({
  owner,
  promptId,
  version: version.version,
  createdAt: version.createdAt,
  note: version.note ?? null,
  content: JSON.stringify(contentOf(version)),
});

/** The columns a patch changes, and the time it changed them. */
export const patchColumns = (patch: PromptPatch, now: Date) => ({
  updatedAt: now,
  ...(patch.name !== undefined ? { name: patch.name } : {}),
  ...(patch.description !== undefined ? { description: patch.description } : {}),
  ...(patch.labels !== undefined ? { labels: JSON.stringify(patch.labels) } : {}),
  ...(patch.testSet !== undefined ? { testSet: testSetColumn(patch.testSet) } : {}),
});

/** A test set as its column holds it: JSON, or null for none (an empty set is kept: its checks and columns are choices too). */
export const testSetColumn = (testSet: TestSet | null | undefined): string | null => (testSet ? JSON.stringify(testSet) : null);

/** The columns of a prompt's own row (not its versions), for an insert. */
export const promptRow = (owner: string, prompt: Prompt, now: Date) => ({
  owner,
  id: prompt.id,
  name: prompt.name,
  description: prompt.description ?? null,
  labels: JSON.stringify(prompt.labels),
  testSet: testSetColumn(prompt.testSet),
  updatedAt: now,
});

export function fromRows(
  prompt: { id: string; name: string; description: string | null; labels: string; testSet: string | null },
  versions: readonly { version: number; createdAt: string; note: string | null; content: string }[],
): Prompt {
  return {
    id: prompt.id,
    name: prompt.name,
    ...(prompt.description ? { description: prompt.description } : {}),
    labels: JSON.parse(prompt.labels) as Record<string, number>,
    versions: [...versions]
      .sort((a, b) => a.version - b.version)
      .map((v) => ({ ...(JSON.parse(v.content) as PromptContent), version: v.version, createdAt: v.createdAt, ...(v.note ? { note: v.note } : {}) })),
    ...(prompt.testSet ? { testSet: JSON.parse(prompt.testSet) as TestSet } : {}),
  };
}

export function toSummary(row: { id: string; name: string; description: string | null; labels: string; updatedAt: Date }, versions: number, latestVersion: number): PromptSummary {
  return { id: row.id, name: row.name, ...(row.description ? { description: row.description } : {}), labels: JSON.parse(row.labels) as Record<string, number>, versions, latestVersion, updatedAt: row.updatedAt };
}

/** Each prompt row with its versions, from one query's rows of each. */
export function wholePrompts<P extends { id: string }, V extends { promptId: string }>(rows: readonly P[], versions: readonly V[], whole: (row: P, versions: V[]) => Prompt): Prompt[] {
  const byPrompt = new Map<string, V[]>();
  for (const version of versions) (byPrompt.get(version.promptId) ?? byPrompt.set(version.promptId, []).get(version.promptId)!).push(version);
  return rows.map((row) => whole(row, byPrompt.get(row.id) ?? []));
}
