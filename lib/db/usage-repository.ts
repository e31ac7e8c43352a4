/**
 * Where per-key usage lives: one row per key, UTC day, model and surface, added to as replies end.
 * Two implementations (SQLite, PostgreSQL) keep the same contract and run the same test suite.
 */

export type UsageSurface = "api" | "playground";

/** One finished reply's usage. */
export interface UsageEntry {
  keyId: string;
  model: string;
  surface: UsageSurface;
  at: Date;
  promptTokens: number;
  completionTokens: number;
  /** The upstream reported no usage (the reply was stopped or failed): the tokens are an estimate. */
  estimated: boolean;
  /** Billionths of a dollar; null when the model's price is unknown. */
  costNanoUsd: number | null;
}

export interface UsageRow {
  /** YYYY-MM-DD, UTC. */
  day: string;
  model: string;
  surface: UsageSurface;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  estimatedRequests: number;
  /** Billionths of a dollar for the requests whose model has a known price. */
  costNanoUsd: number;
  /** Requests to a model without a known price (not in costNanoUsd). */
  unpricedRequests: number;
}

export interface UsageRepository {
  /** Adds one reply to its day's row (atomic: concurrent replies and instances never lose a count). */
  record(entry: UsageEntry): Promise<void>;
  /** `keyId`'s rows from `sinceDay` (inclusive, YYYY-MM-DD), newest day first. */
  rows(keyId: string, sinceDay: string): Promise<UsageRow[]>;
  /** Deletes every key's rows before `day` (exclusive); returns how many. */
  deleteBefore(day: string): Promise<number>;
}

/** How long usage rows are kept: the longest period the report reads (366 days), and a margin. */
export const USAGE_KEPT_DAYS = 400;

/** The UTC day an instant falls on, as stored. */
export const usageDay = (at: Date) => at.toISOString().slice(0, 10);

/** The columns one entry adds to its row. */
export const toIncrement = (entry: UsageEntry) => ({
  keyId: entry.keyId,
  day: usageDay(entry.at),
  model: entry.model,
  surface: entry.surface,
  requests: 1,
  promptTokens: entry.promptTokens,
  completionTokens: entry.completionTokens,
  estimatedRequests: entry.estimated ? 1 : 0,
  costNanoUsd: entry.costNanoUsd ?? 0,
  unpricedRequests: entry.costNanoUsd === null ? 1 : 0,
});
