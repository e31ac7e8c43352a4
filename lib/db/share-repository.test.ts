/**
 * One suite, both databases, real connections: SQLite on a temp file, PostgreSQL on a fresh
 * database of the server in DATABASE_URL (.ci/run sets it; without it only SQLite runs).
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { Client } from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { createShareService, type ShareService } from "../shares/server/share-service";
import { CreateShareBodySchema, MAX_SNAPSHOT_BYTES, type CreateShareBody } from "../shares/snapshot";
import { tempPostgresDatabase, tempSqliteFile } from "../testing/temp-databases";
import { openPostgresShareRepository } from "./postgres-share-repository";
import type { ShareRepository } from "./share-repository";
import { openSqliteShareRepository } from "./sqlite-share-repository";
import { migrationsFolder } from "./migrations-folder";

interface Backend {
  name: string;
  setup(): Promise<{
    open(): Promise<ShareRepository>;
    dedupeKeyOf(id: string): Promise<string | null>;
    /** Whether `text` is anywhere in the stored bytes (files or pages), live or dead; undefined when it cannot be checked. */
    storedBytesContain(text: string): Promise<boolean | undefined>;
    teardown(): Promise<void>;
  }>;
}

const sqlite: Backend = {
  name: "SQLite",
  async setup() {
    const temp = tempSqliteFile();
    return {
      open: async () => openSqliteShareRepository(temp.file, migrationsFolder("sqlite")),
      async dedupeKeyOf(id) {
        const db = new Database(temp.file, { readonly: true });
        const row = db.prepare("select dedupe_key from shares where id = ?").get(id) as { dedupe_key: string | null };
        db.close();
        return row.dedupe_key;
      },
      // As `strings` would: the database file and its write-ahead log, byte for byte.
      async storedBytesContain(text) {
        const dir = path.dirname(temp.file);
        const files = fs.readdirSync(dir).filter((f) => f.startsWith(path.basename(temp.file)));
        return files.some((f) => fs.readFileSync(path.join(dir, f)).includes(text));
      },
      teardown: async () => temp.remove(),
    };
  },
};

const postgres: Backend = {
  name: "PostgreSQL",
  async setup() {
    const temp = await tempPostgresDatabase(process.env.DATABASE_URL!);
    return {
      open: () => openPostgresShareRepository(temp.url, migrationsFolder("postgres")),
      async dedupeKeyOf(id) {
        const client = new Client({ connectionString: temp.url });
        await client.connect();
        const { rows } = await client.query("select dedupe_key from shares where id = $1", [id]);
        await client.end();
        return rows[0].dedupe_key;
      },
      // Every row version on every page of the table and its TOAST table, dead ones included
      // (pageinspect needs a superuser): VACUUM after the erase must have removed the old version.
      // Not the pages' free space: PostgreSQL marks a removed version's space free without
      // scrubbing it (docs/share-links.md), so whether its bytes were overwritten depends on where
      // the text sat in the row. The raw page scan this replaces passed while the snapshot's keys
      // were stored sorted (the System Message near the row's end, overwritten by the rows that
      // slid over it), and failed once they were stored in their order: luck, not a guarantee.
      async storedBytesContain(text) {
        const client = new Client({ connectionString: temp.url });
        await client.connect();
        try {
          await client.query("create extension if not exists pageinspect");
        } catch {
          await client.end();
          return undefined;
        }
        const { rows } = await client.query(
          `select bool_or(position(convert_to($1, 'UTF8') in item.t_data) > 0) as found
             from (select 'shares'::regclass as rel union all select reltoastrelid::regclass from pg_class where relname = 'shares') r,
                  generate_series(0, pg_relation_size(rel) / current_setting('block_size')::int - 1) block,
                  heap_page_items(get_raw_page(rel::text, block)) item
            where item.t_data is not null`,
          [text],
        );
        await client.end();
        return rows[0].found ?? false;
      },
      teardown: () => temp.drop(),
    };
  },
};

const backends = process.env.DATABASE_URL ? [sqlite, postgres] : [sqlite];
if (!process.env.DATABASE_URL) console.warn("DATABASE_URL is not set: the PostgreSQL share repository suite is skipped.");

const provider = { kind: "local" as const, model: "mistralai-mixtral-8x7b-instruct", isDemo: true };

/** Two browsers, each with its own creator secret. */
const CREATOR_A = randomBytes(32).toString("base64url");
const CREATOR_B = randomBytes(32).toString("base64url");

const body = (overrides: Partial<CreateShareBody> = {}): CreateShareBody =>
  CreateShareBodySchema.parse({
    creatorSecret: CREATOR_A,
    systemMessage: "You are terse.",
    params: { temperature: 0.3, seed: 42 },
    messages: [
      { role: "user", content: "What is a mixture of experts?" },
      { role: "assistant", content: "A router picks **2 of 8** experts per token.", finishReason: "stop", usage: { promptTokens: 20, completionTokens: 11 } },
    ],
    ...overrides,
  });

describe.each(backends)("share repository on $name", (backend) => {
  let env: Awaited<ReturnType<Backend["setup"]>>;
  let repository: ShareRepository;
  let now: Date;
  let shares: ShareService;
  const opened: ShareRepository[] = [];

  const open = async () => {
    const repo = await env.open();
    opened.push(repo);
    return repo;
  };

  beforeEach(async () => {
    env = await backend.setup();
    repository = await open();
    now = new Date("2026-11-25T12:00:00Z");
    shares = createShareService(repository, () => now);
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((r) => r.close()));
    await env.teardown();
  });

  it("creates an unguessable link and reads back the whole snapshot", async () => {
    const created = await shares.create(body(), provider);
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(created.revokeToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.reused).toBe(false);

    const read = await shares.read(created.id);
    if (read.status !== "live") throw new Error(`expected live, got ${read.status}`);
    expect(read.share.createdAt.toISOString()).toBe(now.toISOString());
    expect(read.share.expiresAt).toBeNull();
    expect(read.share.snapshot).toEqual({
      version: 1,
      provider: "local",
      model: "mistralai-mixtral-8x7b-instruct",
      isDemo: true,
      systemMessage: "You are terse.",
      params: { temperature: 0.3, maxTokens: 1000, topP: 0.9, frequencyPenalty: 0, presencePenalty: 0, seed: 42 },
      // Without a verifier no reply counts as generated here (lib/shares/server/verify-replies).
      messages: body().messages.map((m) => (m.role === "assistant" ? { ...m, verified: false } : m)),
      prices: { inputPerMillion: 0.54, outputPerMillion: 0.54 },
    });
  });

  it("tells whether a link is live, and until when, without its snapshot (the share-page cache's question)", async () => {
    const forever = await shares.create(body(), provider);
    const weekly = await shares.create(body({ systemMessage: "weekly", expiresIn: "7d" }), provider);
    expect(await shares.liveness(forever.id)).toEqual({ status: "live", expiresAt: null });
    expect(await shares.liveness(weekly.id)).toEqual({ status: "live", expiresAt: weekly.expiresAt });
    expect(await shares.liveness("AAAAAAAAAAAAAAAAAAAAAA")).toEqual({ status: "missing" });
    await shares.revoke(forever.id, forever.revokeToken!);
    expect(await shares.liveness(forever.id)).toEqual({ status: "gone" });
    now = new Date(now.getTime() + 8 * 86_400_000);
    expect(await shares.liveness(weekly.id)).toEqual({ status: "gone" });
  });

  it("records the prices used: none for a picked model without a published price", async () => {
    const picked = await shares.create(body({ model: "qwen-qwen2.5-14b" }), provider);
    const read = await shares.read(picked.id);
    expect(read.status === "live" && read.share.snapshot).toMatchObject({ model: "qwen-qwen2.5-14b", prices: null });
  });

  it("gives distinct ids to distinct content", async () => {
    const ids = await Promise.all(
      Array.from({ length: 25 }, (_, i) => shares.create(body({ systemMessage: `variant ${i}` }), provider).then((s) => s.id)),
    );
    expect(new Set(ids).size).toBe(25);
  });

  it("returns the same link when the same creator shares the same content again, without a second revoke token", async () => {
    const first = await shares.create(body(), provider);
    const again = await shares.create(body(), provider);
    expect(again).toMatchObject({ id: first.id, reused: true });
    expect(again.revokeToken).toBeUndefined();

    const otherParams = await shares.create(body({ params: { ...body().params, temperature: 0.31 } }), provider);
    const otherExpiry = await shares.create(body({ expiresIn: "7d" }), provider);
    const otherModel = await shares.create(body(), { ...provider, model: "another-model" });
    expect(new Set([first.id, otherParams.id, otherExpiry.id, otherModel.id]).size).toBe(4);
  });

  it("never hands one creator's link to another creator of the same content", async () => {
    const mine = await shares.create(body(), provider);
    const theirs = await shares.create(body({ creatorSecret: CREATOR_B }), provider);
    expect(theirs.id).not.toBe(mine.id);
    expect(theirs).toMatchObject({ reused: false, revokeToken: expect.any(String) });
    // Each creator still gets back their own link.
    expect((await shares.create(body({ creatorSecret: CREATOR_B }), provider)).id).toBe(theirs.id);
    expect((await shares.create(body(), provider)).id).toBe(mine.id);
  });

  it("does not dedupe shares from a client that sends no creator secret", async () => {
    const anonymous = { ...body(), creatorSecret: undefined };
    const first = await shares.create(anonymous, provider);
    const second = await shares.create(anonymous, provider);
    expect(second.id).not.toBe(first.id);
    expect(second.reused).toBe(false);
    expect(await env.dedupeKeyOf(first.id)).toBeNull();
  });

  it("keeps neither the creator secret nor anything derived from it without the content", async () => {
    const created = await shares.create(body(), provider);
    expect(await env.storedBytesContain(CREATOR_A)).not.toBe(true);
    const read = await shares.read(created.id);
    expect(JSON.stringify(read)).not.toContain(CREATOR_A);
  });

  it("dedupes concurrent creates of the same content to one link", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => shares.create(body(), provider)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.revokeToken).length).toBe(1);
  });

  it("revokes only with the right token, then answers gone and forgets the content", async () => {
    const created = await shares.create(body(), provider);
    expect(await shares.revoke(created.id, "not-the-token")).toBe("forbidden");
    expect((await shares.read(created.id)).status).toBe("live");

    expect(await shares.revoke(created.id, created.revokeToken!)).toBe("revoked");
    expect(await shares.read(created.id)).toEqual({ status: "gone" });
    expect(await shares.revoke(created.id, created.revokeToken!)).toBe("already-revoked");
    expect(await env.dedupeKeyOf(created.id)).toBeNull();

    const reshared = await shares.create(body(), provider);
    expect(reshared.id).not.toBe(created.id);
    expect(reshared.revokeToken).toBeDefined();
  });

  it("erases revoked text from the stored bytes, in small rows and in ones that spill to overflow/TOAST pages", async () => {
    const small = `revoke-erase-small-${randomBytes(8).toString("hex")}`;
    // Random hex does not compress, so PostgreSQL stores it out of line as it is.
    const large = `revoke-erase-large-${randomBytes(8).toString("hex")}-${randomBytes(20_000).toString("hex")}`;
    const created = [
      await shares.create(body({ systemMessage: small }), provider),
      await shares.create(body({ messages: [{ role: "user", content: large }] }), provider),
    ];
    const probe = large.slice(0, 40);
    const checkable = await env.storedBytesContain(small);
    if (checkable === undefined) return console.warn(`${backend.name}: stored bytes cannot be inspected here; erase not checked.`);
    expect(checkable).toBe(true);
    expect(await env.storedBytesContain(probe)).toBe(true);

    for (const share of created) expect(await shares.revoke(share.id, share.revokeToken!)).toBe("revoked");
    expect(await env.storedBytesContain(small)).toBe(false);
    expect(await env.storedBytesContain(probe)).toBe(false);
    expect(await env.storedBytesContain(large.slice(-40))).toBe(false);
  });

  it("purges expired snapshots with the same erase as revoke, and leaves live ones alone", async () => {
    const expiring = `purge-expiring-${randomBytes(8).toString("hex")}`;
    const lasting = `purge-lasting-${randomBytes(8).toString("hex")}`;
    const soon = await shares.create(body({ systemMessage: expiring, expiresIn: "1d" }), provider);
    const later = await shares.create(body({ systemMessage: lasting, expiresIn: "7d" }), provider);

    now = new Date("2026-11-26T11:59:59Z");
    expect(await shares.purgeExpired()).toBe(0);
    now = new Date("2026-11-26T12:00:00Z");
    expect(await shares.purgeExpired()).toBe(1);
    expect(await shares.purgeExpired()).toBe(0);

    expect(await shares.read(soon.id)).toEqual({ status: "gone" });
    expect((await shares.read(later.id)).status).toBe("live");
    expect(await env.dedupeKeyOf(soon.id)).toBeNull();
    if ((await env.storedBytesContain(lasting)) === undefined) return;
    expect(await env.storedBytesContain(lasting)).toBe(true);
    expect(await env.storedBytesContain(expiring)).toBe(false);
  });

  it("answers missing for unknown and malformed ids", async () => {
    expect(await shares.read("AAAAAAAAAAAAAAAAAAAAAA")).toEqual({ status: "missing" });
    expect(await shares.read("../../etc/passwd")).toEqual({ status: "missing" });
    expect(await shares.revoke("AAAAAAAAAAAAAAAAAAAAAA", "x")).toBe("missing");
  });

  it("expires links at their expiry time and lets the content be shared anew", async () => {
    const created = await shares.create(body({ expiresIn: "1d" }), provider);
    expect(created.expiresAt?.toISOString()).toBe("2026-11-26T12:00:00.000Z");

    now = new Date("2026-11-26T11:59:59.999Z");
    expect((await shares.read(created.id)).status).toBe("live");
    now = new Date("2026-11-26T12:00:00.000Z");
    expect(await shares.read(created.id)).toEqual({ status: "gone" });

    const fresh = await shares.create(body({ expiresIn: "1d" }), provider);
    expect(fresh.id).not.toBe(created.id);
    expect(fresh.reused).toBe(false);
  });

  it("refuses a snapshot over the size limit", async () => {
    const huge = "x".repeat(100_000);
    const messages = Array.from({ length: 6 }, (_, i) => ({ role: i % 2 ? ("assistant" as const) : ("user" as const), content: huge }));
    const attempt = shares.create(body({ messages }), provider);
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ status: 413, message: expect.stringContaining(`${MAX_SNAPSHOT_BYTES / 1024} KB`) });
  });

  it("keeps committed links across a restart", async () => {
    const created = await shares.create(body(), provider);
    await repository.close();
    opened.splice(opened.indexOf(repository), 1);
    const reopened = createShareService(await open(), () => now);
    expect((await reopened.read(created.id)).status).toBe("live");
    expect(await reopened.revoke(created.id, created.revokeToken!)).toBe("revoked");
  });

  it("rolls back the whole create when any statement fails", async () => {
    const expired = await shares.create(body({ expiresIn: "1d" }), provider);
    now = new Date("2026-12-01T00:00:00Z");
    const keyBefore = await env.dedupeKeyOf(expired.id);
    // Same dedupe key (so the expired holder is released) but a clashing primary key: the insert fails.
    const clash = { id: expired.id, dedupeKey: keyBefore!, snapshot: "{}", revokeTokenHash: "h", createdAt: now, expiresAt: null };
    await expect(repository.insertOrReuse(clash, now)).rejects.toThrow();
    expect(await env.dedupeKeyOf(expired.id)).toBe(keyBefore);
  });

  it("lets several instances start at once (migrations take turns)", async () => {
    const more = await Promise.all([open(), open(), open()]);
    const created = await createShareService(more[0], () => now).create(body(), provider);
    expect((await createShareService(more[2], () => now).read(created.id)).status).toBe("live");
  });
});

describe("share request limits (same schema as /api/chat)", () => {
  const issues = (input: unknown) => CreateShareBodySchema.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);

  it("rejects invalid parameters, roles, expiry and empty or oversized message lists", () => {
    expect(issues({ ...body(), params: { topP: 2 } })).toEqual(["params.topP: Top P must be at most 1"]);
    expect(issues({ ...body(), params: { mystery: 1 } })).toEqual(["params: Unknown parameter: mystery"]);
    expect(issues({ ...body(), messages: [] })).toEqual(["messages: there is nothing to share yet"]);
    expect(issues({ ...body(), messages: Array(501).fill({ role: "user", content: "hi" }) })).toEqual([
      "messages: at most 500 messages can be shared",
    ]);
    expect(issues({ ...body(), messages: [{ role: "system", content: "x" }] })?.[0]).toMatch(/^messages.0.role/);
    expect(issues({ ...body(), expiresIn: "1y" })).toEqual(["expiresIn: expiresIn must be never, 1d, 7d or 30d"]);
    expect(issues({ ...body(), apiKey: "sk-123" })?.[0]).toMatch(/apiKey/);
  });
});

