import { sql, type SQL } from "drizzle-orm";

/** The counters a usage row adds each entry's values to (every column but the row's key). */
export const USAGE_COUNTERS = ["requests", "promptTokens", "completionTokens", "estimatedRequests", "costNanoUsd", "unpricedRequests"] as const;

/**
 * The `set` of an upsert that adds the new entry to the stored row: `row.column + excluded.column`
 * for each counter, in SQL both SQLite and PostgreSQL read.
 */
export function addedCounters(table: Record<(typeof USAGE_COUNTERS)[number], { name: string }>): Record<string, SQL> {
  return Object.fromEntries(USAGE_COUNTERS.map((key) => [key, sql.raw(`"usage_daily"."${table[key].name}" + excluded."${table[key].name}"`)]));
}
