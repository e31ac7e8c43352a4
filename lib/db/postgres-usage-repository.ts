import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { PostgresConnection } from "./postgres-connection";
import { usageDaily } from "./schema-postgres";
import { toIncrement, type UsageRepository, type UsageRow } from "./usage-repository";

/** Each column in `columns` becomes `row.column + the new entry's column` on conflict. */
const added = (...columns: (keyof typeof usageDaily.$inferInsert)[]) =>
  Object.fromEntries(columns.map((c) => [c, sql.raw(`"usage_daily"."${usageDaily[c].name}" + excluded."${usageDaily[c].name}"`)]));

export function postgresUsageRepository({ db }: PostgresConnection): UsageRepository {
  return {
    async record(entry) {
      await db
        .insert(usageDaily)
        .values(toIncrement(entry))
        .onConflictDoUpdate({
          target: [usageDaily.keyId, usageDaily.day, usageDaily.model, usageDaily.surface],
          set: added("requests", "promptTokens", "completionTokens", "estimatedRequests", "costNanoUsd"),
        });
    },

    async rows(keyId, sinceDay) {
      const rows = await db
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
        .orderBy(desc(usageDaily.day), usageDaily.model, usageDaily.surface);
      return rows as UsageRow[];
    },
  };
}
