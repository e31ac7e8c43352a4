import { and, desc, eq, gte, lt } from "drizzle-orm";
import type { PostgresConnection } from "./postgres-connection";
import { usageDaily } from "./schema-postgres";
import { addedCounters, incrementPlaceholders, rowColumns } from "./usage-upsert";
import { toIncrement, type UsageRepository, type UsageRow } from "./usage-repository";

export function postgresUsageRepository({ db }: PostgresConnection): UsageRepository {
  const upsert = db
    .insert(usageDaily)
    .values(incrementPlaceholders())
    .onConflictDoUpdate({
      target: [usageDaily.keyId, usageDaily.day, usageDaily.model, usageDaily.surface],
      set: addedCounters(usageDaily),
    })
    .prepare("usage_record");
  return {
    async record(entry) {
      await upsert.execute(toIncrement(entry));
    },

    async rows(keyId, sinceDay) {
      const rows = await db
        .select(rowColumns(usageDaily))
        .from(usageDaily)
        .where(and(eq(usageDaily.keyId, keyId), gte(usageDaily.day, sinceDay)))
        .orderBy(desc(usageDaily.day), usageDaily.model, usageDaily.surface);
      return rows as UsageRow[];
    },

    async deleteBefore(day) {
      return (await db.delete(usageDaily).where(lt(usageDaily.day, day)).returning({ day: usageDaily.day })).length;
    },
  };
}
