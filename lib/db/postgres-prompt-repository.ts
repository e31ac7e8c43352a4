/** The prompt libraries in PostgreSQL: a new version locks its prompt's row, so concurrent saves number in turn. */
import { and, count, desc, eq, max } from "drizzle-orm";
import type { PostgresConnection } from "./postgres-connection";
import { fromRows, patchColumns, promptRow, toSummary, versionRow, wholePrompts, type PromptRepository } from "./prompt-repository";
import { prompts, promptVersions } from "./schema-postgres";

export function postgresPromptRepository({ db }: PostgresConnection): PromptRepository {
  const one = (owner: string, id: string) => and(eq(prompts.owner, owner), eq(prompts.id, id));
  const versionsOf = (owner: string, id: string) => and(eq(promptVersions.owner, owner), eq(promptVersions.promptId, id));
  const read = async (owner: string, id: string) => {
    const [row] = await db.select().from(prompts).where(one(owner, id));
    return row ? fromRows(row, await db.select().from(promptVersions).where(versionsOf(owner, id))) : undefined;
  };

  return {
    async list(owner) {
      const rows = await db.select().from(prompts).where(eq(prompts.owner, owner)).orderBy(desc(prompts.updatedAt));
      const stats = await db
        .select({ id: promptVersions.promptId, versions: count(), latest: max(promptVersions.version) })
        .from(promptVersions)
        .where(eq(promptVersions.owner, owner))
        .groupBy(promptVersions.promptId);
      const byId = new Map(stats.map((s) => [s.id, s]));
      return rows.map((row) => toSummary(row, byId.get(row.id)?.versions ?? 0, byId.get(row.id)?.latest ?? 0));
    },
    get: read,
    async listWhole(owner) {
      const rows = await db.select().from(prompts).where(eq(prompts.owner, owner)).orderBy(desc(prompts.updatedAt));
      return wholePrompts(rows, await db.select().from(promptVersions).where(eq(promptVersions.owner, owner)), fromRows);
    },
    async count(owner) {
      const [row] = await db.select({ n: count() }).from(prompts).where(eq(prompts.owner, owner));
      return row.n;
    },
    async insert(owner, prompt, now) {
      return db.transaction(async (tx) => {
        const inserted = await tx
          .insert(prompts)
          .values(promptRow(owner, prompt, now))
          .onConflictDoNothing()
          .returning({ id: prompts.id });
        if (!inserted.length) return false;
        if (prompt.versions.length) await tx.insert(promptVersions).values(prompt.versions.map((v) => versionRow(owner, prompt.id, v)));
        return true;
      });
    },
    async addVersion(owner, id, content, note, now, maxVersions) {
      const outcome = await db.transaction(async (tx) => {
        const [locked] = await tx.select({ id: prompts.id }).from(prompts).where(one(owner, id)).for("update");
        if (!locked) return "missing" as const;
        const [stats] = await tx.select({ n: count(), latest: max(promptVersions.version) }).from(promptVersions).where(versionsOf(owner, id));
        if (stats.n >= maxVersions) return "full" as const;
        const version = { ...content, version: (stats.latest ?? 0) + 1, createdAt: now.toISOString(), ...(note ? { note } : {}) };
        await tx.insert(promptVersions).values(versionRow(owner, id, version));
        await tx.update(prompts).set({ updatedAt: now }).where(one(owner, id));
        return "saved" as const;
      });
      return outcome === "saved" ? (await read(owner, id))! : outcome;
    },
    async insertVersions(owner, id, versions, now) {
      if (!versions.length) return 0;
      return db.transaction(async (tx) => {
        const added = await tx.insert(promptVersions).values(versions.map((v) => versionRow(owner, id, v))).onConflictDoNothing().returning({ version: promptVersions.version });
        if (added.length) await tx.update(prompts).set({ updatedAt: now }).where(one(owner, id));
        return added.length;
      });
    },
    async update(owner, id, patch, now) {
      const changed = await db
        .update(prompts)
        .set(patchColumns(patch, now))
        .where(one(owner, id))
        .returning({ id: prompts.id });
      return changed.length ? read(owner, id) : undefined;
    },
    async remove(owner, id) {
      return db.transaction(async (tx) => {
        await tx.delete(promptVersions).where(versionsOf(owner, id));
        const removed = await tx.delete(prompts).where(one(owner, id)).returning({ id: prompts.id });
        return removed.length > 0;
      });
    },
  };
}
