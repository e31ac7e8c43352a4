/** The rules of share links, over any ShareRepository: snapshot, dedupe, limits, expiry, revoke. */
import { createHash } from "node:crypto";
import { AppError } from "../../errors";
import type { ShareRepository, RevokeOutcome } from "../../db/share-repository";
import { MIXTRAL_PRICES, pricesFor } from "../../model/prices";
import type { ProviderInfo } from "../../providers/types";
import { expiryDate } from "../expiry";
import { withVerifiedReplies, type VerifyReply } from "./verify-replies";
import { canonicalJson } from "../../json/canonical-json";
import { MAX_SNAPSHOT_BYTES, type CreateShareBody, type ShareSnapshot } from "../snapshot";
import { hashToken, isShareId, newRevokeToken, newShareId } from "./tokens";

/** What a share route answers when its storage fails (a database that is down). */
export const SHARE_STORAGE_UNAVAILABLE = "Share storage is unavailable right now. Please try again.";

export interface SharedConversation {
  id: string;
  snapshot: ShareSnapshot;
  createdAt: Date;
  expiresAt: Date | null;
}

export interface CreatedShare {
  id: string;
  createdAt: Date;
  expiresAt: Date | null;
  /** Only when this call created the link; a reused link's token stays with whoever created it. */
  revokeToken?: string;
  reused: boolean;
}

export type ShareReadResult = { status: "live"; share: SharedConversation } | { status: "gone" } | { status: "missing" };

const kilobytes = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;

/**
 * Same creator, same content, same expiry: same key. The creator's secret is hashed in first, so
 * another creator's identical share has a different key and is never handed out.
 */
const dedupeKey = (creatorSecret: string, expiresIn: string, json: string) =>
  createHash("sha256").update(`${hashToken(creatorSecret)}\n${expiresIn}\n${json}`).digest("hex");

/** Without a verifier (tests of storage rules), no reply counts as generated here. */
const verifyNothing: VerifyReply = () => false;

export function createShareService(repository: ShareRepository, clock: () => Date = () => new Date(), verify: VerifyReply = verifyNothing) {
  return {
    async create(body: CreateShareBody, provider: Pick<ProviderInfo, "kind" | "model" | "isDemo">): Promise<CreatedShare> {
      const snapshot: ShareSnapshot = {
        version: 1,
        provider: provider.kind,
        model: body.model ?? provider.model,
        isDemo: provider.isDemo,
        systemMessage: body.systemMessage,
        params: body.params,
        // Which replies this server signed is decided here, never taken from the client.
        messages: withVerifiedReplies(body.messages, provider.model, verify),
        ...(body.columns
          ? {
              columns: body.columns.map((column) => ({
                params: column.params,
                // Each column's replies follow the shared messages: that is the history they were signed over.
                messages: withVerifiedReplies([...body.messages, ...column.messages], provider.model, verify).slice(body.messages.length),
              })),
            }
          : {}),
        ...(body.template ? { template: body.template } : {}),
        // As the playground prices it: the configured model is the page's Mixtral; a picked one may have no price.
        prices: body.model && body.model !== provider.model ? pricesFor(body.model) : MIXTRAL_PRICES,
      };
      const json = canonicalJson(snapshot);
      const bytes = Buffer.byteLength(json);
      if (bytes > MAX_SNAPSHOT_BYTES) {
        throw new AppError(413, "too_large", `This conversation is too large to share (${kilobytes(bytes)}; the limit is ${kilobytes(MAX_SNAPSHOT_BYTES)}).`);
      }
      const now = clock();
      const revokeToken = newRevokeToken();
      const { share, reused } = await repository.insertOrReuse(
        {
          id: newShareId(),
          dedupeKey: body.creatorSecret ? dedupeKey(body.creatorSecret, body.expiresIn, json) : null,
          snapshot: json,
          revokeTokenHash: hashToken(revokeToken),
          createdAt: now,
          expiresAt: expiryDate(body.expiresIn, now),
        },
        now,
      );
      return { id: share.id, createdAt: share.createdAt, expiresAt: share.expiresAt, reused, ...(reused ? {} : { revokeToken }) };
    },

    async read(id: string): Promise<ShareReadResult> {
      if (!isShareId(id)) return { status: "missing" };
      const lookup = await repository.find(id, clock());
      if (lookup.status !== "live") return lookup;
      const { share } = lookup;
      return { status: "live", share: { ...share, snapshot: JSON.parse(share.snapshot) as ShareSnapshot } };
    },

    /** Cheap check for the proxy: no JSON parsing. */
    async status(id: string): Promise<ShareReadResult["status"]> {
      if (!isShareId(id)) return "missing";
      return (await repository.find(id, clock())).status;
    },

    /** The status, and for a live link when it expires (the share-page cache keeps it no longer). */
    async liveness(id: string): Promise<{ status: "live"; expiresAt: Date | null } | { status: "gone" | "missing" }> {
      if (!isShareId(id)) return { status: "missing" };
      return repository.liveness(id, clock());
    },

    async revoke(id: string, revokeToken: string): Promise<RevokeOutcome> {
      if (!isShareId(id)) return "missing";
      return repository.revoke(id, hashToken(revokeToken), clock());
    },

    /** Erases every snapshot whose link has expired (see startExpiryPurge); returns how many. */
    purgeExpired(): Promise<number> {
      return repository.purgeExpired(clock());
    },
  };
}

export type ShareService = ReturnType<typeof createShareService>;
