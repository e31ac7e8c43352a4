/**
 * Where share snapshots live. Two implementations (SQLite, PostgreSQL) keep the same contract and
 * run the same test suite; the rules around them (ids, tokens, limits, hashing) live in lib/shares.
 */

export interface NewShareRow {
  id: string;
  /** Null: never deduped (the creator sent no secret). */
  dedupeKey: string | null;
  snapshot: string;
  revokeTokenHash: string;
  createdAt: Date;
  expiresAt: Date | null;
}

export interface ShareRecord {
  id: string;
  snapshot: string;
  createdAt: Date;
  expiresAt: Date | null;
}

export type ShareLiveness = { status: "live"; expiresAt: Date | null } | { status: "gone" } | { status: "missing" };

export type ShareLookup = { status: "live"; share: ShareRecord } | { status: "gone" } | { status: "missing" };

export type RevokeOutcome = "revoked" | "already-revoked" | "forbidden" | "missing";

export interface ShareRepository {
  /**
   * Stores `row` in one transaction, unless a live share with the same dedupe key exists: then that
   * share comes back with `reused: true` and nothing is written. Expired holders of the key give it up.
   * A row without a dedupe key is always inserted.
   */
  insertOrReuse(row: NewShareRow, now: Date): Promise<{ share: ShareRecord; reused: boolean }>;
  find(id: string, now: Date): Promise<ShareLookup>;
  /**
   * Whether a link is live, and until when, without reading its snapshot: the share-page cache asks
   * this on every read, and a snapshot can weigh 512 KB.
   */
  liveness(id: string, now: Date): Promise<ShareLiveness>;
  /**
   * Revokes when `revokeTokenHash` matches, wiping the snapshot's content from the stored bytes as
   * far as the database allows (SQLite: secure_delete + a truncating WAL checkpoint; PostgreSQL:
   * VACUUM of the table; see README, "Share links").
   */
  revoke(id: string, revokeTokenHash: string, now: Date): Promise<RevokeOutcome>;
  /** Empties every expired snapshot with the same erase as revoke; returns how many. The rows stay, so their links answer 410. */
  purgeExpired(now: Date): Promise<number>;
  close(): Promise<void>;
}

export const isLive = (row: { revokedAt: Date | null; expiresAt: Date | null }, now: Date) =>
  row.revokedAt === null && (row.expiresAt === null || row.expiresAt > now);

export const toRecord = (row: ShareRecord): ShareRecord => ({
  id: row.id,
  snapshot: row.snapshot,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
});
