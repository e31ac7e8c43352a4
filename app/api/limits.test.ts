/**
 * Per-client limits and access keys on the routes that spend the key, over a ModelsLab-format
 * upstream replayed locally. Clients are told apart by the address the server stamps.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER } from "@/lib/server/http/peer-address-header";
import { openAiStream } from "@/lib/testing/openai-wire";
import { startReplayServer, type ReplayServer } from "@/lib/testing/replay-server";

const ACCESS_KEY = "team-access-key-0c9e41d7";
let server: ReplayServer;
let chat: typeof import("./chat/route").POST;
let v1: typeof import("./v1/chat/completions/route").POST;
let access: typeof import("./access/route").POST;

beforeAll(async () => {
  server = await startReplayServer();
  server.queue({ chunks: openAiStream() });
  Object.assign(process.env, {
    MODELSLAB_API_KEY: "sk-upstream-limits-test",
    MODELSLAB_BASE_URL: `${server.url}/api/v7/llm`,
    CHAT_RATE_LIMIT: "3",
    TOKEN_RATE_LIMIT: "100",
    ACCESS_KEYS: `${ACCESS_KEY}, second-key-5b2f9a113c`,
  });
  ({ POST: chat } = await import("./chat/route"));
  ({ POST: v1 } = await import("./v1/chat/completions/route"));
  ({ POST: access } = await import("./access/route"));
});
afterAll(() => server.close());

const request = (path: string, ip: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://app${path}`, { method: "POST", headers: { "Content-Type": "application/json", [PEER_ADDRESS_HEADER]: ip, ...headers }, body: JSON.stringify(body) });
const messages = [{ role: "user", content: "hi" }];

async function cookieFor(ip: string): Promise<string> {
  const response = await access(request("/api/access", ip, { code: ACCESS_KEY }));
  expect(response.status).toBe(204);
  const setCookie = response.headers.get("set-cookie")!;
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  expect(setCookie).not.toContain(ACCESS_KEY);
  return setCookie.split(";")[0];
}

describe("access keys", () => {
  it("the playground's routes need the access cookie; a wrong code earns none", async () => {
    expect((await chat(request("/api/chat", "198.51.100.1", { messages }))).status).toBe(401);
    expect((await access(request("/api/access", "198.51.100.1", { code: "not-the-key-at-all" }))).status).toBe(401);
    const cookie = await cookieFor("198.51.100.1");
    const allowed = await chat(request("/api/chat", "198.51.100.1", { messages }, { cookie }));
    expect(allowed.status).toBe(200);
    await allowed.text(); // a reply is charged when it ends
    expect((await chat(request("/api/chat", "198.51.100.1", { messages }, { cookie: "playground_access=abc.def" }))).status).toBe(401);
  });

  it("/api/v1 needs a key as Bearer or x-api-key, in OpenAI's error shape", async () => {
    const refused = await v1(request("/api/v1/chat/completions", "198.51.100.2", { messages }));
    expect(refused.status).toBe(401);
    expect((await refused.json()).error).toMatchObject({ code: "invalid_api_key", type: "authentication_error" });
    expect((await v1(request("/api/v1/chat/completions", "198.51.100.2", { messages }, { authorization: "Bearer wrong-key-000000" }))).status).toBe(401);
    expect((await v1(request("/api/v1/chat/completions", "198.51.100.2", { messages }, { authorization: `Bearer ${ACCESS_KEY}` }))).status).toBe(200);
    expect((await v1(request("/api/v1/chat/completions", "198.51.100.3", { messages }, { "x-api-key": "second-key-5b2f9a113c" }))).status).toBe(200);
  });
});

describe("per-client limits", () => {
  it("limits requests a minute per key, with 429 and Retry-After, whatever address they come from", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await v1(request("/api/v1/chat/completions", `192.0.2.${i}`, { messages, max_tokens: 5 }, { authorization: "Bearer second-key-5b2f9a113c" }));
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    // The key already made one request in the previous test.
    expect(statuses).toEqual([200, 200, 429, 429, 429]);
  });

  it("charges the tokens each reply used, and refuses the next request once the minute's budget is spent", async () => {
    const cookie = await cookieFor("203.0.113.9");
    // Each replayed reply reports 31 + 12 = 43 tokens. This key has had two (the access-key
    // tests): 86 of its 100 a minute. One more is allowed and brings it to 129; then it stops.
    const allowed = await chat(request("/api/chat", "203.0.113.9", { messages }, { cookie }));
    expect(allowed.status).toBe(200);
    await allowed.text();
    const third = await chat(request("/api/chat", "203.0.113.9", { messages }, { cookie }));
    expect(third.status).toBe(429);
    expect((await third.json()).error.message).toMatch(/Token budget used up: at most 100 tokens a minute/);
  });
});
