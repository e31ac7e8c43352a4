import { and, desc, eq, gte, lt } from "drizzle-orm";
import { usageDaily } from "./schema-sqlite";
import type { SqliteConnection } from "./sqlite-connection";
import { addedCounters, incrementPlaceholders, rowColumns } from "./usage-upsert";
import { toIncrement, type UsageRepository, type UsageRow } from "./usage-repository";

export function sqliteUsageRepository({ db }: SqliteConnection): UsageRepository {
  const upsert = db
    .insert(usageDaily)
    .values(incrementPlaceholders())
    .onConflictDoUpdate({
      target: [usageDaily.keyId, usageDaily.day, usageDaily.model, usageDaily.surface],
      set: addedCounters(usageDaily),
    })
    .prepare();
  return {
    async record(entry) {
      upsert.run(toIncrement(entry));
    },

    async rows(keyId, sinceDay) {
      const rows = db
        .select(rowColumns(usageDaily))
        .from(usageDaily)
        .where(and(eq(usageDaily.keyId, keyId), gte(usageDaily.day, sinceDay)))
        .orderBy(desc(usageDaily.day), usageDaily.model, usageDaily.surface)
        .all();
      return rows as UsageRow[];
    },

    async deleteBefore(day) {
      return db.delete(usageDaily).where(lt(usageDaily.day, day)).run().changes;
    },
  };
}
