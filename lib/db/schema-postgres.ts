/** The shares table for PostgreSQL. Keep in step with schema-sqlite.ts: the repositories share one contract. */
import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

const moment = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const shares = pgTable("shares", {
  id: text("id").primaryKey(),
  /** Hash of the snapshot and its expiry choice; cleared on revoke or expiry so the content can be shared anew. */
  dedupeKey: text("dedupe_key").unique(),
  /** The snapshot's JSON, byte for byte as created (text, not jsonb, which would reorder keys); emptied on revoke. */
  snapshot: text("snapshot").notNull(),
  revokeTokenHash: text("revoke_token_hash").notNull(),
  createdAt: moment("created_at").notNull(),
  expiresAt: moment("expires_at"),
  revokedAt: moment("revoked_at"),
});
