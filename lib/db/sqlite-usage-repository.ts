import { and, desc, eq, gte, sql } from "drizzle-orm";
import { usageDaily } from "./schema-sqlite";
import type { SqliteConnection } from "./sqlite-connection";
import { toIncrement, type UsageRepository, type UsageRow } from "./usage-repository";

/** Each column in `columns` becomes `row.column + the new entry's column` on conflict. */
const added = (...columns: (keyof typeof usageDaily.$inferInsert)[]) =>
  Object.fromEntries(columns.map((c) => [c, sql.raw(`"usage_daily"."${usageDaily[c].name}" + excluded."${usageDaily[c].name}"`)]));

export function sqliteUsageRepository({ db }: SqliteConnection): UsageRepository {
  return {
    async record(entry) {
      db.insert(usageDaily)
        .values(toIncrement(entry))
        .onConflictDoUpdate({
          target: [usageDaily.keyId, usageDaily.day, usageDaily.model, usageDaily.surface],
          set: added("requests", "promptTokens", "completionTokens", "estimatedRequests", "costNanoUsd"),
        })
        .run();
    },

    async rows(keyId, sinceDay) {
      const rows = db
        .select({
          day: usageDaily.day,
          model: usageDaily.model,
          surface: usageDaily.surface,
          requests: usageDaily.requests,
          promptTokens: usageDaily.promptTokens,
          completionTokens: usageDaily.completionTokens,
          estimatedRequests: usageDaily.estimatedRequests,
          costNanoUsd: usageDaily.costNanoUsd,
        })
        .from(usageDaily)
        .where(and(eq(usageDaily.keyId, keyId), gte(usageDaily.day, sinceDay)))
        .orderBy(desc(usageDaily.day), usageDaily.model, usageDaily.surface)
        .all();
      return rows as UsageRow[];
    },
  };
}
