/** The prompt libraries in SQLite. better-sqlite3 is synchronous: each write is one IMMEDIATE transaction. */
import { and, count, desc, eq, max } from "drizzle-orm";
import { fromRows, patchColumns, promptRow, toSummary, versionRow, wholePrompts, type PromptRepository } from "./prompt-repository";
import { prompts, promptVersions } from "./schema-sqlite";
import type { SqliteConnection } from "./sqlite-connection";

export function sqlitePromptRepository({ sqlite, db }: SqliteConnection): PromptRepository {
  const one = (owner: string, id: string) => and(eq(prompts.owner, owner), eq(prompts.id, id));
  const versionsOf = (owner: string, id: string) => and(eq(promptVersions.owner, owner), eq(promptVersions.promptId, id));
  const read = (owner: string, id: string) => {
    const [row] = db.select().from(prompts).where(one(owner, id)).all();
    return row ? fromRows(row, db.select().from(promptVersions).where(versionsOf(owner, id)).all()) : undefined;
  };
  // Another process (a second instance on the same file) waits on the lock instead of reading a stale number.
  const immediately = <T>(work: () => T): T => sqlite.transaction(work).immediate();

  return {
    async list(owner) {
      const rows = db.select().from(prompts).where(eq(prompts.owner, owner)).orderBy(desc(prompts.updatedAt)).all();
      const stats = db
        .select({ id: promptVersions.promptId, versions: count(), latest: max(promptVersions.version) })
        .from(promptVersions)
        .where(eq(promptVersions.owner, owner))
        .groupBy(promptVersions.promptId)
        .all();
      const byId = new Map(stats.map((s) => [s.id, s]));
      return rows.map((row) => toSummary(row, byId.get(row.id)?.versions ?? 0, byId.get(row.id)?.latest ?? 0));
    },
    async get(owner, id) {
      return read(owner, id);
    },
    async listWhole(owner) {
      const rows = db.select().from(prompts).where(eq(prompts.owner, owner)).orderBy(desc(prompts.updatedAt)).all();
      return wholePrompts(rows, db.select().from(promptVersions).where(eq(promptVersions.owner, owner)).all(), fromRows);
    },
    async count(owner) {
      return db.select({ n: count() }).from(prompts).where(eq(prompts.owner, owner)).all()[0].n;
    },
    async insert(owner, prompt, now) {
      return immediately(() => {
        const inserted = db
          .insert(prompts)
          .values(promptRow(owner, prompt, now))
          .onConflictDoNothing()
          .run();
        if (!inserted.changes) return false;
        for (const version of prompt.versions) db.insert(promptVersions).values(versionRow(owner, prompt.id, version)).run();
        return true;
      });
    },
    async addVersion(owner, id, content, note, now, maxVersions) {
      const outcome = immediately(() => {
        if (!db.select({ id: prompts.id }).from(prompts).where(one(owner, id)).all().length) return "missing" as const;
        const [stats] = db.select({ n: count(), latest: max(promptVersions.version) }).from(promptVersions).where(versionsOf(owner, id)).all();
        if (stats.n >= maxVersions) return "full" as const;
        const version = { ...content, version: (stats.latest ?? 0) + 1, createdAt: now.toISOString(), ...(note ? { note } : {}) };
        db.insert(promptVersions).values(versionRow(owner, id, version)).run();
        db.update(prompts).set({ updatedAt: now }).where(one(owner, id)).run();
        return "saved" as const;
      });
      return outcome === "saved" ? read(owner, id)! : outcome;
    },
    async insertVersions(owner, id, versions, now) {
      return immediately(() => {
        let added = 0;
        for (const version of versions) added += db.insert(promptVersions).values(versionRow(owner, id, version)).onConflictDoNothing().run().changes;
        if (added) db.update(prompts).set({ updatedAt: now }).where(one(owner, id)).run();
        return added;
      });
    },
    async update(owner, id, patch, now) {
      const changed = db
        .update(prompts)
        .set(patchColumns(patch, now))
        .where(one(owner, id))
        .run().changes;
      return changed ? read(owner, id) : undefined;
    },
    async remove(owner, id) {
      return immediately(() => {
        db.delete(promptVersions).where(versionsOf(owner, id)).run();
        return db.delete(prompts).where(one(owner, id)).run().changes > 0;
      });
    },
  };
}
