/** The tables for SQLite. Keep in step with schema-postgres.ts: the repositories share one contract. */
import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

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

/**
 * Tokens used per access key, one row per key, UTC day, model and surface: each finished reply
 * adds to its row, so the table grows with days in use, not with requests.
 */
export const usageDaily = sqliteTable(
  "usage_daily",
  {
    /** The access key's id (a hash prefix, never the key), or "open" when the app has no keys. */
    keyId: text("key_id").notNull(),
    /** YYYY-MM-DD, UTC. */
    day: text("day").notNull(),
    model: text("model").notNull(),
    /** "api" (/api/v1) or "playground" (/api/chat). */
    surface: text("surface").notNull(),
    requests: integer("requests").notNull(),
    promptTokens: integer("prompt_tokens").notNull(),
    completionTokens: integer("completion_tokens").notNull(),
    /** Requests whose upstream reported no usage (stopped or failed): their tokens are estimated. */
    estimatedRequests: integer("estimated_requests").notNull(),
    /** Billionths of a dollar at the model's price, for the requests whose price is known. */
    costNanoUsd: integer("cost_nano_usd").notNull(),
    /** Requests to a model without a known price: not in the cost. */
    unpricedRequests: integer("unpriced_requests").notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.day, t.model, t.surface] })],
);

/**
 * The server's prompt libraries, one per access key ("open" when the app has no keys): a prompt's
 * name, description and labels here, each of its immutable versions in prompt_versions.
 */
export const prompts = sqliteTable(
  "prompts",
  {
    owner: text("owner").notNull(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    /** JSON: label → version number. */
    labels: text("labels").notNull(),
    /** JSON: the prompt's test set (lib/prompts/prompt-file-test-set.ts), or null. One per prompt, not per version, as the prompt file keeps it. */
    testSet: text("test_set"),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.owner, t.id] })],
);

export const promptVersions = sqliteTable(
  "prompt_versions",
  {
    owner: text("owner").notNull(),
    promptId: text("prompt_id").notNull(),
    version: integer("version").notNull(),
    createdAt: text("created_at").notNull(),
    note: text("note"),
    /** JSON: the version's content (lib/prompts/prompt.ts PromptContent). */
    content: text("content").notNull(),
  },
  (t) => [primaryKey({ columns: [t.owner, t.promptId, t.version] })],
);
