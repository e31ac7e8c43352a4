import "server-only";
import { getEnv } from "../../env";
import { PEER_ADDRESS_HEADER } from "./peer-address-header";

/** "::ffff:203.0.113.7" (an IPv4 client on a dual-stack socket) and "203.0.113.7" are one client. */
const normalise = (address: string) => address.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");

/**
 * The client's address, as far as it can be trusted. The socket peer comes from a header the
 * server stamps on every request (peer-address-stamp.ts), overwriting whatever the client sent;
 * `next start` keeps a client's own X-Forwarded-For, so that header alone proves nothing.
 *
 * With `trustedHops` proxies in front (TRUST_PROXY_HOPS), the chain is X-Forwarded-For's entries
 * followed by the peer, and the client is the entry `trustedHops` from the right: the address the
 * outermost trusted proxy saw. Entries further left were written by the client and are ignored.
 * A shorter chain (a request that skipped a proxy) gives its leftmost entry, as Express does.
 * X-Real-IP is never used: any client can send it.
 *
 * Returns null when no stamp is present (the hook is not installed): callers must not fall back
 * to a header a client can forge.
 */
export function clientAddress(request: Request, trustedHops: number): string | null {
  const peer = request.headers.get(PEER_ADDRESS_HEADER);
  if (!peer) return null;
  if (trustedHops === 0) return normalise(peer);
  const forwarded = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map(normalise)
    .filter(Boolean);
  const chain = [...forwarded, normalise(peer)];
  return chain[Math.max(0, chain.length - 1 - trustedHops)];
}

let warnedUnstamped = false;

/**
 * The key a client is limited under: its address as clientAddress trusts it. Used only as an
 * in-memory key, never stored. Without the server's peer stamp every request shares one key:
 * stricter than needed, but never bypassable by a header.
 */
export function clientKey(request: Request, trustedHops = getEnv().TRUST_PROXY_HOPS): string {
  const address = clientAddress(request, trustedHops);
  if (address) return address;
  if (!warnedUnstamped) {
    warnedUnstamped = true;
    console.warn("Rate limits: requests carry no peer address (instrumentation did not run), so all clients share one limit.");
  }
  return "unknown";
}
