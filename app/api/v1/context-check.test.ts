/**
 * The context check counts the offered functions as the model reads them: a prompt that fits
 * Mixtral's 32k window alone but not with its tools' definitions is a 400 context_length_exceeded
 * on the served API and the playground, and never reaches the upstream (a ModelsLab replay).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "@/lib/params";
import { PEER_ADDRESS_HEADER } from "@/lib/server/http/peer-address-header";
import { openAiStream } from "@/lib/testing/openai-wire";
import { startReplayServer, type ReplayServer } from "@/lib/testing/replay-server";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "context-check-"));
let server: ReplayServer;
let completions: typeof import("./chat/completions/route").POST;
let chat: typeof import("../chat/route").POST;

beforeAll(async () => {
  server = await startReplayServer();
  server.queue({ chunks: openAiStream() });
  for (const key of ["DATABASE_URL", "OPENAI_BASE_URL", "LOCAL_MODEL_PATH", "MODELS_ALLOWED", "ACCESS_KEYS"]) delete process.env[key];
  Object.assign(process.env, { MODELSLAB_API_KEY: "sk-context-check-0001", MODELSLAB_BASE_URL: `${server.url}/api/v7/llm`, DATA_DIR: dataDir });
  ({ POST: completions } = await import("./chat/completions/route"));
  ({ POST: chat } = await import("../chat/route"));
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const post = (url: string, body: unknown) =>
  new Request(`http://app${url}`, { method: "POST", headers: { "Content-Type": "application/json", [PEER_ADDRESS_HEADER]: "203.0.113.9", "sec-fetch-site": "same-origin" }, body: JSON.stringify(body) });

// About 30,000 tokens: with max_tokens 1,000 it fits the 32,768-token window with room to spare.
const prompt = "river ".repeat(30_000);
// The engine's way of offering a function puts its definition into the prompt: about 3,000 tokens here.
const tool = { name: "describe_river", description: "Describes a river in great detail. ".repeat(400), parameters: { type: "object", properties: { name: { type: "string" } } } };

describe("the context check with functions offered", () => {
  it("/api/v1/chat/completions: fits alone, answered; with its tools over the window, a 400 that never reaches the upstream", async () => {
    const fits = await completions(post("/api/v1/chat/completions", { messages: [{ role: "user", content: prompt }], max_tokens: 1000 }));
    expect(fits.status).toBe(200);
    const sent = server.requests.length;
    const over = await completions(post("/api/v1/chat/completions", { messages: [{ role: "user", content: prompt }], max_tokens: 1000, tools: [{ type: "function", function: tool }] }));
    expect(over.status).toBe(400);
    expect((await over.json()).error).toMatchObject({ code: "context_length_exceeded", type: "invalid_request_error" });
    expect(server.requests.length).toBe(sent);
  });

  it("/api/chat: the same, in the playground's error shape naming the field", async () => {
    const sent = server.requests.length;
    const over = await chat(post("/api/chat", { systemMessage: "", messages: [{ role: "user", content: prompt }], params: DEFAULT_PARAMS, options: { tools: [tool] } }));
    expect(over.status).toBe(400);
    expect((await over.json()).error).toMatchObject({ code: "context_length_exceeded", fields: [{ field: "messages" }] });
    expect(server.requests.length).toBe(sent);
  });
});
