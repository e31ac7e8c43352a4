/**
 * Rate limits key on an address a client cannot forge, tested against a real `next start`
 * (which keeps a client's own X-Forwarded-For): 25 share creations, each claiming a different
 * address in X-Forwarded-For and X-Real-IP (and in the peer stamp's own header), hit the limit
 * of 20 like any other 25. With TRUST_PROXY_HOPS=1 the address the proxy appended counts.
 */
import { expect, test } from "@playwright/test";
import { startOwnServer, type OwnServer } from "./support/own-server";

const LIMIT = 20;
const shareBody = (batch: string, i: number) =>
  JSON.stringify({ params: { seed: i }, messages: [{ role: "user", content: `${batch} ${i}` }, { role: "assistant", content: "ok" }] });

/** 25 creations of distinct content (`batch` keeps batches apart), sent one after another. */
async function createShares(server: OwnServer, batch: string, headersFor: (i: number) => Record<string, string>): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 25; i++) {
    const response = await fetch(`${server.url}/api/shares`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headersFor(i) },
      body: shareBody(batch, i),
    });
    statuses.push(response.status);
  }
  return statuses;
}

const expectLimitedAfter = (statuses: number[], allowed: number) => {
  expect(statuses.slice(0, allowed)).toEqual(Array(allowed).fill(201));
  expect(statuses.slice(allowed)).toEqual(Array(statuses.length - allowed).fill(429));
};

test.describe("share rate limit by client address", () => {
  test.describe.configure({ timeout: 120_000 });

  test("a client talking to the app directly cannot spread over forged addresses", async () => {
    const server = await startOwnServer(3102, { SHARE_RATE_LIMIT: String(LIMIT) });
    try {
      const statuses = await createShares(server, "forged", (i) => ({
        "X-Forwarded-For": `198.51.100.${i}`,
        "X-Real-IP": `192.0.2.${i}`,
        "X-Playground-Peer-Address": `203.0.113.${i}`,
      }));
      expectLimitedAfter(statuses, LIMIT);
    } finally {
      await server.stop();
    }
  });

  test("behind one trusted proxy, the address the proxy saw counts and what the client wrote left of it does not", async () => {
    const server = await startOwnServer(3103, { SHARE_RATE_LIMIT: String(LIMIT), TRUST_PROXY_HOPS: "1" });
    try {
      // 25 real clients behind the proxy: each has its own limit.
      expect(await createShares(server, "proxied", (i) => ({ "X-Forwarded-For": `198.51.100.${i}` }))).toEqual(Array(25).fill(201));
      // One client forging entries in front of what the proxy appended: one limit.
      expectLimitedAfter(await createShares(server, "forged behind proxy", (i) => ({ "X-Forwarded-For": `10.0.0.${i}, 203.0.113.5` })), LIMIT);
    } finally {
      await server.stop();
    }
  });
});
