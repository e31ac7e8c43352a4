/** Share ids and revoke tokens: random, URL-safe, and only the token's hash is ever stored. */
import { createHash, randomBytes } from "node:crypto";

/** 128 random bits: 22 base64url characters. */
export const newShareId = () => randomBytes(16).toString("base64url");
export const isShareId = (id: string) => /^[A-Za-z0-9_-]{22}$/.test(id);

/** 256 random bits. A fast hash is enough: the token is random, not a password. */
export const newRevokeToken = () => randomBytes(32).toString("base64url");
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
