/** The tables for PostgreSQL. Keep in step with schema-sqlite.ts: the repositories share one contract. */
import { bigint, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

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

const count = (name: string) => bigint(name, { mode: "number" });

/** Tokens used per access key and UTC day, model and surface (see schema-sqlite.ts). */
export const usageDaily = pgTable(
  "usage_daily",
  {
    keyId: text("key_id").notNull(),
    day: text("day").notNull(),
    model: text("model").notNull(),
    surface: text("surface").notNull(),
    requests: count("requests").notNull(),
    promptTokens: count("prompt_tokens").notNull(),
    completionTokens: count("completion_tokens").notNull(),
    estimatedRequests: count("estimated_requests").notNull(),
    costNanoUsd: count("cost_nano_usd").notNull(),
    unpricedRequests: count("unpriced_requests").notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.day, t.model, t.surface] })],
);

/** The server's prompt libraries, one per access key (see schema-sqlite.ts). */
export const prompts = pgTable(
  "prompts",
  {
    owner: text("owner").notNull(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    labels: text("labels").notNull(),
    /** JSON: the prompt's test set, or null (schema-sqlite.ts says more). */
    testSet: text("test_set"),
    updatedAt: moment("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.owner, t.id] })],
);

export const promptVersions = pgTable(
  "prompt_versions",
  {
    owner: text("owner").notNull(),
    promptId: text("prompt_id").notNull(),
    version: integer("version").notNull(),
    createdAt: text("created_at").notNull(),
    note: text("note"),
    content: text("content").notNull(),
  },
  (t) => [primaryKey({ columns: [t.owner, t.promptId, t.version] })],
);
