/**
 * One client may stream at most CHAT_CONCURRENT_LIMIT replies at once, on /api/chat and /api/v1:
 * the next is refused with 429 at once, and a slot comes back when a stream ends or its request
 * is aborted. Other clients are not affected.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER } from "@/lib/server/http/peer-address-header";
import { openAiStream } from "@/lib/testing/openai-wire";
import { startReplayServer, type ReplayServer } from "@/lib/testing/replay-server";

let server: ReplayServer;
let chat: typeof import("./chat/route").POST;
let v1: typeof import("./v1/chat/completions/route").POST;
let streamsHeld: typeof import("@/lib/server/limits/concurrent-streams").streamsHeld;

beforeAll(async () => {
  server = await startReplayServer();
  Object.assign(process.env, {
    MODELSLAB_API_KEY: "sk-upstream-concurrency-test",
    MODELSLAB_BASE_URL: `${server.url}/api/v7/llm`,
    CHAT_CONCURRENT_LIMIT: "2",
    CHAT_RATE_LIMIT: "1000",
    ACCESS_KEYS: "",
  });
  ({ POST: chat } = await import("./chat/route"));
  ({ POST: v1 } = await import("./v1/chat/completions/route"));
  ({ streamsHeld } = await import("@/lib/server/limits/concurrent-streams"));
});
afterAll(() => server.close());

// The route and the replay server run on a loaded machine in the full suite: the default 1 s poll is too short.
const POLL = { timeout: 10_000 };
const messages = [{ role: "user", content: "hi" }];
const request = (path: string, ip: string, signal?: AbortSignal) =>
  new Request(`http://app${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", [PEER_ADDRESS_HEADER]: ip },
    body: JSON.stringify(path === "/api/chat" ? { messages } : { messages, stream: true }),
    signal,
  });

describe("concurrent streams per client", () => {
  it("refuses a third stream with 429 while two are open, and frees a slot on abort", async () => {
    server.queue({ hang: true });
    const first = new AbortController();
    const second = new AbortController();
    // The upstream never answers: both requests hold their slot.
    const pending = [chat(request("/api/chat", "203.0.113.7", first.signal)), chat(request("/api/chat", "203.0.113.7", second.signal))];
    await expect.poll(() => streamsHeld("ip:203.0.113.7"), POLL).toBe(2);

    const refused = await chat(request("/api/chat", "203.0.113.7"));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect((await refused.json()).error.message).toMatch(/at most 2 streams/);
    // The same client on /api/v1 shares the count; OpenAI's error shape.
    const refusedV1 = await v1(request("/api/v1/chat/completions", "203.0.113.7"));
    expect(refusedV1.status).toBe(429);
    expect((await refusedV1.json()).error.code).toBe("rate_limited");

    // Another client is not affected.
    const other = new AbortController();
    const otherPending = chat(request("/api/chat", "203.0.113.8", other.signal));
    await expect.poll(() => streamsHeld("ip:203.0.113.8"), POLL).toBe(1);

    first.abort();
    await expect.poll(() => streamsHeld("ip:203.0.113.7"), POLL).toBe(1);
    second.abort();
    other.abort();
    await Promise.allSettled([...pending, otherPending]);
    await expect.poll(() => streamsHeld("ip:203.0.113.7"), POLL).toBe(0);
  });

  it("gives the slot back when a stream finishes", async () => {
    server.queue({ chunks: openAiStream() });
    for (let i = 0; i < 5; i++) {
      const response = await chat(request("/api/chat", "203.0.113.9"));
      expect(response.status).toBe(200);
      await response.text();
    }
    expect(streamsHeld("ip:203.0.113.9")).toBe(0);
  });
});
