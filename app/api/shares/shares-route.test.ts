/**
 * The share routes as Next calls them, over the real SQLite repository in a temp data folder:
 * status codes, the rate limit, and what ends up on disk (no token in clear, no client IP).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER } from "@/lib/server/http/peer-address-header";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shares-route-"));
process.env.DATA_DIR = dataDir;
process.env.SHARE_RATE_LIMIT = "4";
delete process.env.DATABASE_URL;
delete process.env.MODELSLAB_API_KEY;
delete process.env.OPENAI_BASE_URL;

type Routes = typeof import("./route") & { byId: typeof import("./[id]/route") };
let routes: Routes;

beforeAll(async () => {
  routes = { ...(await import("./route")), byId: await import("./[id]/route") };
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const CLIENT_IP = "203.0.113.77";
const create = (body: unknown, ip = CLIENT_IP) =>
  routes.POST(
    new Request("http://x/api/shares", {
      method: "POST",
      // As the server stamps it from the socket (instrumentation.ts).
      headers: { [PEER_ADDRESS_HEADER]: ip, "Content-Type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
const context = (id: string) => ({ params: Promise.resolve({ id }) });
const body = (text: string) => ({ params: { seed: 3 }, messages: [{ role: "user", content: text }, { role: "assistant", content: "ok" }] });

describe("share routes", () => {
  it("keeps a blind A/B's results: both settings and every round with its order and pick", async () => {
    const blindAb = { settings: [{ temperature: 0.2 }, { temperature: 1.5 }], rounds: [{ index: 0, seed: 4, aIs: 1, pick: "A" }, { index: 1, seed: 5, aIs: 0 }] };
    const created = await create({ params: { temperature: 0.2 }, messages: [{ role: "user", content: "Name a river" }], blindAb }, "203.0.113.99");
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const read = await routes.byId.GET(new Request(`http://x/api/shares/${id}`), context(id));
    expect(await read.json()).toMatchObject({ snapshot: { messages: [{ role: "user", content: "Name a river" }], blindAb: { settings: [{ temperature: 0.2 }, { temperature: 1.5 }], rounds: blindAb.rounds } } });
  });

  it("create → read → revoke (wrong token, right token) → 410, storing neither the token nor the client IP, and erasing the text", async () => {
    const text = `first ${Date.now()}-erase-me`;
    const created = await create(body(text));
    expect(created.status).toBe(201);
    const share = (await created.json()) as { id: string; url: string; revokeToken: string };
    expect(share.url).toBe(`/s/${share.id}`);

    const read = await routes.byId.GET(new Request(`http://x/api/shares/${share.id}`), context(share.id));
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: share.id, snapshot: { provider: "local", params: { seed: 3 }, messages: body(text).messages } });

    const revoke = (token: string) =>
      routes.byId.DELETE(new Request(`http://x/api/shares/${share.id}`, { method: "DELETE", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ revokeToken: token }) }), context(share.id));
    expect((await revoke("wrong")).status).toBe(403);
    expect((await revoke(share.revokeToken)).status).toBe(200);
    const gone = await routes.byId.GET(new Request(`http://x/api/shares/${share.id}`), context(share.id));
    expect(gone.status).toBe(410);
    expect((await gone.json()).error.message).toMatch(/removed/);

    const onDisk = fs
      .readdirSync(dataDir)
      .filter((f) => f.startsWith("playground.db"))
      .map((f) => fs.readFileSync(path.join(dataDir, f)).toString("latin1"))
      .join("");
    expect(onDisk).toContain("revoke_token_hash");
    expect(onDisk).not.toContain(share.revokeToken);
    expect(onDisk).not.toContain(CLIENT_IP);
    expect(onDisk).not.toContain(text);
  });

  it("shares a prompt as a template (no turns needed) and refuses a template with a bad variable name", async () => {
    const template = { name: "Trip planner", variables: [{ name: "city", type: "text", default: "Rome" }], options: { responseFormat: { type: "json_object" } } };
    const created = await create({ systemMessage: "Guide me around {{city}}.", params: {}, messages: [], template }, "203.0.113.80");
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const read = await routes.byId.GET(new Request(`http://x/api/shares/${id}`), context(id));
    expect(await read.json()).toMatchObject({ snapshot: { systemMessage: "Guide me around {{city}}.", messages: [], template } });

    const bad = await create({ systemMessage: "x", params: {}, messages: [], template: { ...template, variables: [{ name: "2cities", type: "text" }] } }, "203.0.113.81");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toEqual([{ field: "template.variables.0.name", message: "name must be letters, digits and _, not starting with a digit" }]);
    // Without a template, there must still be something to share.
    expect((await create({ systemMessage: "x", params: {}, messages: [] }, "203.0.113.82")).status).toBe(400);
  });

  it("answers malformed JSON, invalid fields and unknown ids clearly", async () => {
    const malformed = await create("{oops", "192.0.2.10");
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toBe("Invalid request: body is not valid JSON");

    const invalid = await create({ params: { temperature: 9 }, messages: [{ role: "user", content: "x" }] }, "192.0.2.10");
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.fields).toEqual([{ field: "params.temperature", message: "Temperature must be at most 2" }]);

    const unknown = await routes.byId.GET(new Request("http://x/api/shares/nope"), context("nope"));
    expect(unknown.status).toBe(404);
  });

  it("dedupes only within one creator's shares: the same content from another browser gets its own link", async () => {
    const content = { ...body("same words, two people"), expiresIn: "7d" };
    const alice = { ...content, creatorSecret: "alice-secret-0123456789abcdef" };
    const bob = { ...content, creatorSecret: "bob-secret-0123456789abcdefghi" };
    const first = await create(alice, "192.0.2.50");
    expect(first.status).toBe(201);
    const aliceLink = (await first.json()) as { id: string };

    const other = await create(bob, "192.0.2.51");
    expect(other.status).toBe(201);
    const bobLink = (await other.json()) as { id: string; revokeToken: string };
    expect(bobLink.id).not.toBe(aliceLink.id);
    expect(bobLink.revokeToken).toBeTruthy();

    const again = await create(alice, "192.0.2.50");
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: aliceLink.id, reused: true });
  });

  it("says what is wrong with a revoke body: missing, not a string, too large", async () => {
    const revoke = (payload: string) =>
      routes.byId.DELETE(new Request("http://x/api/shares/AAAAAAAAAAAAAAAAAAAAAA", { method: "DELETE", headers: { "Content-Type": "application/json" }, body: payload }), context("AAAAAAAAAAAAAAAAAAAAAA"));
    const message = async (payload: string) => {
      const response = await revoke(payload);
      return [response.status, (await response.json()).error.message];
    };
    expect(await message("{}")).toEqual([400, "Invalid request: revokeToken: revokeToken is required"]);
    expect(await message(JSON.stringify({ revokeToken: 12345 }))).toEqual([400, "Invalid request: revokeToken: revokeToken must be a string"]);
    expect(await message(JSON.stringify({ revokeToken: "x".repeat(20_000) }))).toEqual([413, "Request body is larger than 10 KB."]);
  });

  it("keeps the other versions, each reply verified against its own branch: one not signed for its place withholds 'generated by'", async () => {
    const { signReply } = await import("@/lib/signing/reply-signature");
    const { toRequestMessages } = await import("@/lib/chat/request-messages");
    const { allRepliesGeneratedHere } = await import("@/lib/shares/generated-here");
    const { DEFAULT_PARAMS } = await import("@/lib/params");
    const generation = { systemMessage: "Be brief.", params: DEFAULT_PARAMS, model: "mixtral-under-test" };
    const signed = (history: { role: "user"; content: string }[], content: string) => ({
      role: "assistant",
      content,
      generation,
      signature: signReply({ ...generation, messages: toRequestMessages(history), reply: content }),
    });
    const river = { role: "user" as const, content: "Name a river" };
    const lake = { role: "user" as const, content: "Name a lake" };
    // The first question and its edit (two roots); the river answered twice (a regenerate), the second shown.
    const nile = signed([river], "The Nile.");
    const amazon = signed([river], "The Amazon.");
    const tree = (lakeReply: object, firstRiverReply: object = nile) => ({
      roots: ["q1", "q2"],
      activeRoot: "q1",
      nodes: {
        q1: { parent: null, children: ["r1", "r2"], active: "r2", message: river },
        r1: { parent: "q1", children: [], message: firstRiverReply },
        r2: { parent: "q1", children: [], message: amazon },
        q2: { parent: null, children: ["r3"], active: "r3", message: lake },
        r3: { parent: "q2", children: [], message: lakeReply },
      },
    });
    const share = async (shared: ReturnType<typeof tree>, ip: string) => {
      const created = await create({ systemMessage: "Be brief.", params: DEFAULT_PARAMS, messages: [river, amazon], tree: shared }, ip);
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const read = await routes.byId.GET(new Request(`http://x/api/shares/${id}`), context(id));
      const { snapshot } = (await read.json()) as { snapshot: import("@/lib/shares/snapshot").ShareSnapshot };
      const verified = Object.fromEntries(Object.entries(snapshot.tree!.nodes).map(([nodeId, node]) => [nodeId, node.message.verified]));
      return { snapshot, verified };
    };

    const honest = await share(tree(signed([lake], "Lake Baikal.")), "198.51.100.30");
    expect(honest.snapshot.messages.map((m) => m.verified)).toEqual([undefined, true]);
    expect(honest.verified).toEqual({ q1: undefined, r1: true, r2: true, q2: undefined, r3: true });
    expect(allRepliesGeneratedHere(honest.snapshot)).toBe(true);

    // The Nile's signature moved under the other question (its history differs), and a reply typed in
    // claiming to be verified: both in versions not shown first, both caught.
    const forged = await share(tree({ ...nile }, { role: "assistant", content: "I endorse anything.", verified: true, signature: nile.signature, generation }), "198.51.100.31");
    expect(forged.snapshot.messages.map((m) => m.verified)).toEqual([undefined, true]);
    expect(forged.verified).toEqual({ q1: undefined, r1: false, r2: true, q2: undefined, r3: false });
    expect(allRepliesGeneratedHere(forged.snapshot)).toBe(false);
    // Without the tree the same path would be vouched for: the versions are what withhold it.
    expect(allRepliesGeneratedHere({ ...forged.snapshot, tree: undefined })).toBe(true);

    // A malformed tree is refused with the path of the fault.
    const broken = tree(signed([lake], "Lake Baikal."));
    broken.nodes.q1.children.push("ghost");
    const refused = await create({ systemMessage: "Be brief.", params: DEFAULT_PARAMS, messages: [river, amazon], tree: broken }, "198.51.100.32");
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.fields).toEqual([{ field: "tree.nodes.q1.children.2", message: 'no node "ghost" in tree.nodes' }]);
  });

  it("keeps a reply's JSON form and the functions offered with it, which its signature covers: stripped or changed, it is not vouched for", async () => {
    const { signReply } = await import("@/lib/signing/reply-signature");
    const { DEFAULT_PARAMS } = await import("@/lib/params");
    const generation = { systemMessage: "", params: { ...DEFAULT_PARAMS, seed: 7 }, model: "mixtral-under-test" };
    const question = { role: "user" as const, content: "The weather in Paris, as JSON" };
    // Properties not in alphabetical order: the order is part of the schema (the engine writes the keys in it).
    const format = { type: "json_schema" as const, schema: { type: "object", properties: { temperature: { type: "number" }, city: { type: "string" } } }, name: "weather" };
    const offeredTools = { tools: [{ name: "get_weather", description: "Weather now", parameters: { type: "object", properties: { city: { type: "string" } } } }], toolChoice: "auto" as const };
    const content = '{"city":"Paris"}';
    const signature = signReply({ ...generation, messages: [question], reply: content, format, offeredTools });
    const verifiedAs = async (reply: object, ip: string) => {
      const created = await create({ params: generation.params, messages: [question, { role: "assistant", content, generation, signature, ...reply }] }, ip);
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const read = await routes.byId.GET(new Request(`http://x/api/shares/${id}`), context(id));
      return ((await read.json()) as { snapshot: import("@/lib/shares/snapshot").ShareSnapshot }).snapshot.messages[1];
    };
    const kept = await verifiedAs({ format, offeredTools }, "198.51.100.40");
    expect(kept).toMatchObject({ verified: true, format, offeredTools });
    expect(Object.keys((kept.format as typeof format).schema.properties)).toEqual(["temperature", "city"]);
    expect((await verifiedAs({ offeredTools }, "198.51.100.41")).verified).toBe(false);
    // The same schema with its properties reordered is another schema (the engine writes the keys in that order).
    const reordered = { ...format, schema: { type: "object", properties: { city: { type: "string" }, temperature: { type: "number" } } } };
    expect((await verifiedAs({ format: reordered, offeredTools }, "198.51.100.44")).verified).toBe(false);
    expect((await verifiedAs({ format, offeredTools: { tools: [{ ...offeredTools.tools[0], description: "Anything" }] } }, "198.51.100.42")).verified).toBe(false);
    // Only JSON forms are kept: a text "format" is refused with its path.
    const refused = await create({ params: generation.params, messages: [question, { role: "assistant", content, format: { type: "text" } }] }, "198.51.100.43");
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.fields[0].field).toBe("messages.1.format");
  });

  it("rate-limits creation per client with 429 and Retry-After", async () => {
    const ip = "192.0.2.99";
    for (let i = 0; i < 4; i++) expect((await create(body(`limit ${i}`), ip)).status).toBe(201);
    const limited = await create(body("one too many"), ip);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await limited.json()).error.message).toMatch(/at most 4 a minute/);
    // Another client is unaffected.
    expect((await create(body("someone else"), "192.0.2.100")).status).toBe(201);
  });
});
