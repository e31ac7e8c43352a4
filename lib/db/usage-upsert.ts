import { sql, type Placeholder, type SQL } from "drizzle-orm";
import type { toIncrement } from "./usage-repository";

/** The counters a usage row adds each entry's values to (every column but the row's key). */
export const USAGE_COUNTERS = ["requests", "promptTokens", "completionTokens", "estimatedRequests", "costNanoUsd", "unpricedRequests"] as const;

/** What a read returns of each row: every column but the key id (the caller asked for one key). */
const ROW_FIELDS = ["day", "model", "surface", ...USAGE_COUNTERS] as const;
type RowField = (typeof ROW_FIELDS)[number];

/** The `select` of a usage read, for either dialect's table. */
export function rowColumns<T extends Record<RowField, unknown>>(table: T): Pick<T, RowField> {
  return Object.fromEntries(ROW_FIELDS.map((key) => [key, table[key]])) as Pick<T, RowField>;
}

/**
 * The `set` of an upsert that adds the new entry to the stored row: `row.column + excluded.column`
 * for each counter, in SQL both SQLite and PostgreSQL read.
 */
export function addedCounters(table: Record<(typeof USAGE_COUNTERS)[number], { name: string }>): Record<string, SQL> {
  return Object.fromEntries(USAGE_COUNTERS.map((key) => [key, sql.raw(`"usage_daily"."${table[key].name}" + excluded."${table[key].name}"`)]));
}

type Increment = ReturnType<typeof toIncrement>;

/**
 * The values of the upsert as placeholders, so each dialect builds its statement once and each
 * reply only binds `toIncrement(entry)`: building the query per reply cost more than the write
 * (about a tenth of a short reply's CPU in a profile of /api/chat).
 */
export function incrementPlaceholders(): { [K in keyof Increment]: Placeholder<K> } {
  const keys: (keyof Increment)[] = ["keyId", "day", "model", "surface", ...USAGE_COUNTERS];
  return Object.fromEntries(keys.map((key) => [key, sql.placeholder(key)])) as { [K in keyof Increment]: Placeholder<K> };
}
