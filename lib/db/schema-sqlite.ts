/** The shares table for SQLite. Keep in step with schema-postgres.ts: the repositories share one contract. */
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const shares = sqliteTable("shares", {
  id: text("id").primaryKey(),
  /** Hash of the snapshot and its expiry choice; cleared on revoke or expiry so the content can be shared anew. */
  dedupeKey: text("dedupe_key").unique(),
  /** The snapshot's JSON, byte for byte as created; emptied on revoke. */
  snapshot: text("snapshot").notNull(),
  revokeTokenHash: text("revoke_token_hash").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
  revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
});
