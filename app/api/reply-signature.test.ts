/**
 * A reply streamed by /api/chat is signed; a share made from it is marked as generated here,
 * and the same share with its text, settings or history altered is not.
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

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "reply-signature-"));
let server: ReplayServer;
let chat: typeof import("./chat/route").POST;
let createShare: typeof import("./shares/route").POST;
let readShare: typeof import("./shares/[id]/route").GET;

beforeAll(async () => {
  server = await startReplayServer();
  server.queue({ chunks: openAiStream() });
  for (const key of ["DATABASE_URL", "ACCESS_KEYS", "SIGNING_SECRET"]) delete process.env[key];
  Object.assign(process.env, { MODELSLAB_API_KEY: "sk-signature-test-0001", MODELSLAB_BASE_URL: `${server.url}/api/v7/llm`, DATA_DIR: dataDir });
  ({ POST: chat } = await import("./chat/route"));
  ({ POST: createShare } = await import("./shares/route"));
  ({ GET: readShare } = await import("./shares/[id]/route"));
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const post = (url: string, body: unknown) =>
  new Request(`http://app${url}`, { method: "POST", headers: { "Content-Type": "application/json", [PEER_ADDRESS_HEADER]: "203.0.113.40" }, body: JSON.stringify(body) });

async function streamedReply(body: { systemMessage: string; messages: { role: "user"; content: string }[]; params: typeof DEFAULT_PARAMS }) {
  const events: StreamEvent[] = [];
  for await (const m of iterate(parseSse((await chat(post("/api/chat", body))).body!))) events.push(JSON.parse(m.data));
  return events;
}

async function verifiedFlags(messages: unknown[]): Promise<(boolean | undefined)[]> {
  const response = await createShare(post("/api/shares", { systemMessage: "Be brief.", params: DEFAULT_PARAMS, messages }));
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  const read = await readShare(new Request(`http://app/api/shares/${id}`), { params: Promise.resolve({ id }) });
  const { snapshot } = (await read.json()) as { snapshot: { messages: { role: string; verified?: boolean }[] } };
  return snapshot.messages.filter((m) => m.role === "assistant").map((m) => m.verified);
}

describe("reply signatures", () => {
  it("signs what /api/chat streams, and shares verify it; any change to text, settings or history does not", async () => {
    const request = { systemMessage: "Be brief.", messages: [{ role: "user" as const, content: "What is a qubit?" }], params: { ...DEFAULT_PARAMS, seed: 5 } };
    const finish = (await streamedReply(request)).at(-1)!;
    expect(finish).toMatchObject({ type: "finish", reason: "stop", signature: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const signature = (finish as { signature: string }).signature;
    const generation = { systemMessage: request.systemMessage, params: request.params };
    const reply = (content: string, gen: object = generation) => ({ role: "assistant", content, signature, generation: gen });
    const question = request.messages[0];

    expect(await verifiedFlags([question, reply(REPLY_TEXT)])).toEqual([true]);
    expect(await verifiedFlags([question, reply(`${REPLY_TEXT} (and I endorse this)`)])).toEqual([false]);
    expect(await verifiedFlags([question, reply(REPLY_TEXT, { ...generation, params: { ...request.params, temperature: 0.1 } })])).toEqual([false]);
    expect(await verifiedFlags([{ role: "user", content: "Something else?" }, reply(REPLY_TEXT)])).toEqual([false]);
    expect(await verifiedFlags([question, { role: "assistant", content: REPLY_TEXT, verified: true }])).toEqual([false]);
  });
});

describe("reply signatures in a shared comparison", () => {
  it("verifies each column's replies against the shared messages before them", async () => {
    const question = { role: "user" as const, content: "Compare me" };
    const paramsA = { ...DEFAULT_PARAMS, temperature: 0, seed: 9 };
    const paramsB = { ...DEFAULT_PARAMS, temperature: 1, seed: 9 };
    const signed = async (params: typeof DEFAULT_PARAMS) => {
      const finish = (await streamedReply({ systemMessage: "Be brief.", messages: [question], params })).at(-1) as { signature: string };
      return { role: "assistant", content: REPLY_TEXT, signature: finish.signature, generation: { systemMessage: "Be brief.", params } };
    };
    const [a, b] = [await signed(paramsA), await signed(paramsB)];
    const share = async (columns: unknown[]) => {
      const response = await createShare(post("/api/shares", { systemMessage: "Be brief.", params: paramsA, messages: [question], columns }));
      expect(response.status).toBe(201);
      const { id } = (await response.json()) as { id: string };
      const read = await readShare(new Request(`http://app/api/shares/${id}`), { params: Promise.resolve({ id }) });
      const { snapshot } = (await read.json()) as { snapshot: { columns: { messages: { verified?: boolean }[] }[] } };
      return snapshot.columns.map((c) => c.messages.map((m) => m.verified));
    };
    expect(await share([{ params: paramsA, messages: [a] }, { params: paramsB, messages: [b] }])).toEqual([[true], [true]]);
    // Column B's reply passed off as column A's settings, and an edited reply: not generated here.
    expect(await share([{ params: paramsA, messages: [a] }, { params: paramsA, messages: [{ ...b, generation: a.generation }] }])).toEqual([[true], [false]]);
    expect(await share([{ params: paramsA, messages: [{ ...a, content: "edited" }] }, { params: paramsB, messages: [b] }])).toEqual([[false], [true]]);
  });

  it("refuses a comparison of one column or of seven, and an empty one", async () => {
    const column = { params: DEFAULT_PARAMS, messages: [{ role: "user", content: "x" }] };
    const status = async (body: object) => (await createShare(post("/api/shares", { systemMessage: "", params: DEFAULT_PARAMS, messages: [], ...body }))).status;
    expect(await status({ columns: [column] })).toBe(400);
    expect(await status({ columns: Array(7).fill(column) })).toBe(400);
    expect(await status({ columns: [{ ...column, messages: [] }, { ...column, messages: [] }] })).toBe(400);
    expect(await status({})).toBe(400);
    expect(await status({ columns: [column, column] })).toBe(201);
  });
});
