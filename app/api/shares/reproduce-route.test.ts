/**
 * POST /api/shares/<id>/reproduce as Next calls it, over the real SQLite repository and a replay
 * server speaking ModelsLab's wire: a reply streamed by /api/chat is shared, then reproduced from
 * the snapshot alone; the upstream gets the very request that produced it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StreamEvent } from "@/lib/chat/events";
import { DEFAULT_PARAMS } from "@/lib/params";
import { PEER_ADDRESS_HEADER } from "@/lib/server/http/peer-address-header";
import { openAiStream, REPLY_TEXT } from "@/lib/testing/openai-wire";
import { startReplayServer, type ReplayServer } from "@/lib/testing/replay-server";
import { iterate, parseSse } from "@/lib/testing/sse";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "reproduce-route-"));
const RATE = 5;
let server: ReplayServer;
let chat: typeof import("../chat/route").POST;
let createShare: typeof import("./route").POST;
let revokeShare: typeof import("./[id]/route").DELETE;
let reproduce: typeof import("./[id]/reproduce/route").POST;

beforeAll(async () => {
  server = await startReplayServer();
  server.queue({ chunks: openAiStream() });
  for (const key of ["DATABASE_URL", "ACCESS_KEYS", "SIGNING_SECRET", "OPENAI_BASE_URL"]) delete process.env[key];
  Object.assign(process.env, { MODELSLAB_API_KEY: "sk-reproduce-test-0001", MODELSLAB_BASE_URL: `${server.url}/api/v7/llm`, DATA_DIR: dataDir, CHAT_RATE_LIMIT: String(RATE) });
  ({ POST: chat } = await import("../chat/route"));
  ({ POST: createShare } = await import("./route"));
  ({ DELETE: revokeShare } = await import("./[id]/route"));
  ({ POST: reproduce } = await import("./[id]/reproduce/route"));
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const post = (url: string, body: unknown, ip: string, headers: Record<string, string> = {}) =>
  new Request(`http://app${url}`, { method: "POST", headers: { "Content-Type": "application/json", [PEER_ADDRESS_HEADER]: ip, ...headers }, body: JSON.stringify(body) });

const events = async (response: Response) => {
  const all: StreamEvent[] = [];
  for await (const m of iterate(parseSse(response.body!))) all.push(JSON.parse(m.data));
  return all;
};

const question = { role: "user" as const, content: "What is a qubit?" };

/** A reply as the playground keeps it: streamed by /api/chat, with its signature and settings. */
async function generated(params: typeof DEFAULT_PARAMS, ip: string) {
  const request = { systemMessage: "Be brief.", messages: [question], params };
  const finish = (await events(await chat(post("/api/chat", request, ip)))).at(-1) as { type: string; signature: string };
  expect(finish.type).toBe("finish");
  return { role: "assistant" as const, content: REPLY_TEXT, signature: finish.signature, generation: { systemMessage: request.systemMessage, params } };
}

async function shared(messages: unknown[], ip: string) {
  const response = await createShare(post("/api/shares", { systemMessage: "Be brief.", params: DEFAULT_PARAMS, messages }, ip));
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; revokeToken: string };
}

const reproduceReply = (id: string, body: unknown, ip: string, headers?: Record<string, string>) =>
  reproduce(post(`/api/shares/${id}/reproduce`, body, ip, headers), { params: Promise.resolve({ id }) });

const error = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

describe("reproducing a shared reply", () => {
  it("streams the same reply from the snapshot's request alone: the upstream gets exactly the request that produced it, seed included", async () => {
    const ip = "203.0.113.60";
    const reply = await generated({ ...DEFAULT_PARAMS, seed: 7, temperature: 0.35 }, ip);
    const original = server.requests.at(-1)!;
    const { id } = await shared([question, reply], ip);

    const response = await reproduceReply(id, { signature: reply.signature }, ip);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const streamed = await events(response);
    expect(streamed.filter((e) => e.type === "text-delta").map((e) => (e as { text: string }).text).join("")).toBe(REPLY_TEXT);
    expect(streamed.at(-1)).toMatchObject({ type: "finish", reason: "stop" });
    expect(streamed.some((e) => e.type === "warnings")).toBe(false);

    const sent = server.requests.at(-1)!;
    expect(sent).not.toBe(original);
    expect(JSON.parse(sent.body)).toEqual(JSON.parse(original.body));
    expect(JSON.parse(sent.body)).toMatchObject({ seed: 7, temperature: 0.35, messages: [{ role: "system", content: "Be brief." }, question] });
  });

  it("refuses a reply generated without a seed, and an edited one, with a 400 naming why, asking nothing upstream", async () => {
    const ip = "203.0.113.61";
    const seedless = await generated(DEFAULT_PARAMS, ip);
    const seeded = await generated({ ...DEFAULT_PARAMS, seed: 3 }, ip);
    const { id } = await shared([question, seedless, { role: "user", content: "Again?" }, { ...seeded, content: "Words it never said." }], ip);
    const before = server.requests.length;

    const noSeed = await reproduceReply(id, { signature: seedless.signature }, ip);
    expect(noSeed.status).toBe(400);
    expect(await error(noSeed)).toMatchObject({ code: "not_reproducible", message: expect.stringContaining("without a seed") });

    const edited = await reproduceReply(id, { signature: seeded.signature }, ip);
    expect(edited.status).toBe(400);
    expect(await error(edited)).toMatchObject({ code: "not_reproducible", message: expect.stringContaining("edited or was not generated by this server") });
    expect(server.requests.length).toBe(before);
  });

  it("answers an unknown share 404, a revoked one 410, a signature the share lacks 404 and a bad body 400", async () => {
    const ip = "203.0.113.62";
    const reply = await generated({ ...DEFAULT_PARAMS, seed: 11 }, ip);
    const { id, revokeToken } = await shared([question, reply], ip);

    const unknownShare = await reproduceReply("AAAAAAAAAAAAAAAAAAAAAA", { signature: reply.signature }, ip);
    expect(unknownShare.status).toBe(404);
    expect(await error(unknownShare)).toEqual({ code: "not_found", message: "There is no shared conversation at this link." });

    const noSuchReply = await reproduceReply(id, { signature: "B".repeat(43) }, ip);
    expect(noSuchReply.status).toBe(404);
    expect((await error(noSuchReply)).code).toBe("reply_not_found");

    const bad = await reproduceReply(id, { signature: 5, messages: [] }, ip);
    expect(bad.status).toBe(400);

    const revoke = new Request(`http://app/api/shares/${id}`, { method: "DELETE", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ revokeToken }) });
    expect((await revokeShare(revoke, { params: Promise.resolve({ id }) })).status).toBe(200);
    const gone = await reproduceReply(id, { signature: reply.signature }, "203.0.113.63");
    expect(gone.status).toBe(410);
    expect((await error(gone)).code).toBe("gone");
  });

  it("refuses another web site's page, as /api/chat does", async () => {
    const response = await reproduceReply("AAAAAAAAAAAAAAAAAAAAAA", { signature: "x" }, "203.0.113.64", { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" });
    expect(response.status).toBe(403);
    expect((await error(response)).code).toBe("cross_site_request");
  });

  it("counts against the chat rate limit: past it, 429 with Retry-After", async () => {
    const ip = "203.0.113.65";
    const reply = await generated({ ...DEFAULT_PARAMS, seed: 5 }, ip);
    const { id } = await shared([question, reply], "203.0.113.66");
    // The chat above took one of this address's requests; the rest of the minute's go to reproductions.
    for (let i = 1; i < RATE; i++) {
      const response = await reproduceReply(id, { signature: reply.signature }, ip);
      expect(response.status).toBe(200);
      await events(response);
    }
    const limited = await reproduceReply(id, { signature: reply.signature }, ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await error(limited)).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/Too many chat requests/) });
    // And the other way round: /api/chat is now refused for this address too.
    expect((await chat(post("/api/chat", { messages: [question] }, ip))).status).toBe(429);
  });
});
