/**
 * The served API's HTTP behaviour outside chat completions, on the route handlers themselves: models in both SDKs' shapes, access keys, JSON 404/405, 415, x-request-id and CORS.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const KEY = "served-api-test-key-1";
const PAGE = "https://tools.example.com";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "served-api-"));
Object.assign(process.env, {
  DATA_DIR: dataDir,
  DEMO_TOKENS_PER_SECOND: "0",
  LOCAL_THREADS: "1",
  LOCAL_CONTEXT_SIZE: "1024",
  ACCESS_KEYS: KEY,
  CORS_ORIGINS: `${PAGE}, http://localhost:5173/`,
  MODELS_ALLOWED: "mistralai/mixtral-8x7b-instruct",
});
for (const key of ["MODELSLAB_API_KEY", "OPENAI_BASE_URL", "LOCAL_MODEL_PATH", "DATABASE_URL", "ALLOWED_ORIGINS"]) delete process.env[key];

let models: typeof import("./models/route");
let model: typeof import("./models/[...id]/route");
let completions: typeof import("./chat/completions/route");
let catchAll: typeof import("../[[...path]]/route");
let shares: typeof import("../shares/route");
let guardAction: typeof import("@/lib/server/http/request-guards").guardAction;
let demoModel: string;

beforeAll(async () => {
  models = await import("./models/route");
  model = await import("./models/[...id]/route");
  completions = await import("./chat/completions/route");
  catchAll = await import("../[[...path]]/route");
  shares = await import("../shares/route");
  ({ guardAction } = await import("@/lib/server/http/request-guards"));
  demoModel = (await import("@/lib/providers/registry")).getProvider().info.model;
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const get = (url: string, headers: Record<string, string> = { authorization: `Bearer ${KEY}` }) => new Request(`http://app${url}`, { headers });
const retrieve = (id: string, headers?: Record<string, string>) => model.GET(get(`/api/v1/models/${encodeURIComponent(id)}`, headers), { params: Promise.resolve({ id: id.split("/").map(encodeURIComponent) }) });

describe("GET /api/v1/models", () => {
  it("lists what a request may name, in OpenAI's list shape with Anthropic's fields on the same entries", async () => {
    const response = await models.GET(get("/api/v1/models"));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ object: "list", has_more: false, first_id: demoModel, last_id: "mistralai/mixtral-8x7b-instruct" });
    expect(body.data.map((m: { id: string }) => m.id)).toEqual([demoModel, "mistralai/mixtral-8x7b-instruct"]);
    expect(body.data[0]).toEqual({
      id: demoModel,
      object: "model",
      created: Date.UTC(2025, 6, 22) / 1000,
      owned_by: "local",
      type: "model",
      display_name: expect.stringContaining("demo"),
      created_at: "2025-07-22T00:00:00.000Z",
    });
  });

  it("retrieves one model, ids with a slash or spaces too, and answers an unknown id with 404 model_not_found", async () => {
    expect(await (await retrieve(demoModel)).json()).toMatchObject({ id: demoModel, object: "model" });
    expect(await (await retrieve("mistralai/mixtral-8x7b-instruct")).json()).toMatchObject({ id: "mistralai/mixtral-8x7b-instruct", type: "model" });
    const unknown = await retrieve("gpt-4o");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { message: 'The model "gpt-4o" does not exist on this server.', type: "invalid_request_error", param: "model", code: "model_not_found" } });
  });

  it("requires the access key (Bearer or x-api-key), and answers an Anthropic client in Anthropic's error shape", async () => {
    expect((await models.GET(get("/api/v1/models", { "x-api-key": KEY }))).status).toBe(200);
    const none = await models.GET(get("/api/v1/models", {}));
    expect(none.status).toBe(401);
    expect((await none.json()).error).toMatchObject({ type: "authentication_error", code: "invalid_api_key" });
    const wrong = await models.GET(get("/api/v1/models", { "x-api-key": "not-the-key-at-all", "anthropic-version": "2023-06-01" }));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ type: "error", error: { type: "authentication_error" } });
    const missing = await retrieve("claude-x", { "x-api-key": KEY, "anthropic-version": "2023-06-01" });
    expect(await missing.json()).toMatchObject({ type: "error", error: { type: "not_found_error" } });
  });
});

describe("JSON 404, 405 and 415 instead of Next's pages", () => {
  it("answers a wrong method with a JSON 405 and Allow, in OpenAI's shape on /api/v1 and the app's elsewhere", async () => {
    const onV1 = completions.GET(get("/api/v1/chat/completions"));
    expect(onV1.status).toBe(405);
    expect(onV1.headers.get("allow")).toBe("OPTIONS, POST");
    expect(await onV1.json()).toMatchObject({ error: { type: "invalid_request_error", code: "method_not_allowed", param: null } });
    const onModels = models.POST(new Request("http://app/api/v1/models", { method: "POST" }));
    expect(onModels.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    const onShares = shares.GET(get("/api/shares"));
    expect(onShares.status).toBe(405);
    expect(await onShares.json()).toEqual({ error: { code: "method_not_allowed", message: expect.stringContaining("POST") } });
    // A plain OPTIONS (not a CORS preflight) lists what the route really takes.
    expect(completions.OPTIONS(new Request("http://app/api/v1/chat/completions", { method: "OPTIONS" })).headers.get("allow")).toBe("OPTIONS, POST");
  });

  it("answers an unknown /api path with a JSON 404", async () => {
    const v1 = catchAll.POST(new Request("http://app/api/v1/completions", { method: "POST" }));
    expect(v1.status).toBe(404);
    expect(await v1.json()).toMatchObject({ error: { code: "not_found", type: "invalid_request_error", message: "No API endpoint at POST /api/v1/completions." } });
    const other = catchAll.GET(new Request("http://app/api/nope"));
    expect(await other.json()).toEqual({ error: { code: "not_found", message: "No API endpoint at GET /api/nope." } });
  });

  it("answers a body that is not JSON on /api/v1 with 415, in OpenAI's shape", async () => {
    const response = await completions.POST(new Request("http://app/api/v1/chat/completions", { method: "POST", headers: { authorization: `Bearer ${KEY}`, "content-type": "text/plain" }, body: "{}" }));
    expect(response.status).toBe(415);
    expect((await response.json()).error).toMatchObject({ code: "unsupported_media_type", type: "invalid_request_error" });
  });
});

describe("x-request-id and CORS (every /api/v1 route, lib/server/http/served-api.ts)", () => {
  /** The route Next would run for `url` and the method. */
  const through = async (url: string, init: { method?: string; headers?: Record<string, string> } = {}) => {
    const route = (url.startsWith("/api/v1/models") ? models : url.startsWith("/api/v1/chat/completions") ? completions : catchAll) as Record<string, (request: Request) => Response | Promise<Response>>;
    return route[init.method ?? "GET"](new Request(`http://app${url}`, init));
  };
  const preflight = (origin: string, headers = "authorization, content-type, x-api-key, anthropic-version, x-stainless-os, x-stainless-retry-count, cookie") =>
    through("/api/v1/chat/completions", { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": headers } });

  it("gives every /api/v1 answer a fresh req_ id, whatever id the client sent", async () => {
    const a = await through("/api/v1/models", { headers: { "x-request-id": "mine" } });
    const b = await through("/api/v1/chat/completions", { method: "POST" });
    expect(a.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
    expect(b.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
    expect(a.headers.get("request-id")).toBe(a.headers.get("x-request-id"));
  });

  it("answers a listed origin's preflight: its origin echoed, the SDKs' headers allowed, nothing else", async () => {
    const response = await preflight(PAGE);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(response.headers.get("access-control-allow-methods")).toBe("GET, POST, OPTIONS");
    expect(response.headers.get("access-control-allow-headers")).toBe("authorization, content-type, x-api-key, anthropic-version, x-stainless-os, x-stainless-retry-count");
    expect(response.headers.get("vary")).toBe("Origin");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    // Listed with a trailing slash, matched without.
    expect((await preflight("http://localhost:5173")).status).toBe(204);
  });

  it("refuses another origin's preflight, and gives its requests no Access-Control-Allow-Origin", async () => {
    const response = await preflight("https://evil.example");
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect((await response.json()).error.code).toBe("cors_origin_not_allowed");
    const simple = await through("/api/v1/models", { headers: { origin: "https://evil.example" } });
    expect(simple.headers.get("access-control-allow-origin")).toBeNull();
    expect(simple.headers.get("vary")).toBe("Origin");
    const listed = await through("/api/v1/models", { headers: { origin: PAGE } });
    expect(listed.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(listed.headers.get("access-control-expose-headers")).toContain("x-request-id");
  });

  it("answers what a route throws with a 500 in its clients' shape that still carries the request id and CORS", async () => {
    const { servedApi } = await import("@/lib/server/http/served-api");
    const throwing = servedApi((request: Request): Response => {
      throw new Error(`database is down (${request.method})`);
    });
    const rejecting = servedApi(async (request: Request): Promise<Response> => {
      throw new Error(`database is down (${request.method})`);
    });
    const openAi = await rejecting(new Request("http://app/api/v1/usage", { headers: { origin: PAGE } }));
    expect(openAi.status).toBe(500);
    expect(openAi.headers.get("x-request-id")).toMatch(/^req_/);
    expect(openAi.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(await openAi.json()).toEqual({ error: { message: "The server could not answer this request. Please try again.", type: "server_error", param: null, code: "server_error" } });
    const anthropic = await throwing(new Request("http://app/api/v1/messages", { method: "POST" }));
    expect(anthropic.status).toBe(500);
    expect(anthropic.headers.get("request-id")).toMatch(/^req_/);
    expect(await anthropic.json()).toEqual({ type: "error", error: { type: "api_error", message: "The server could not answer this request. Please try again." } });
  });

  it("lets a CORS origin past the origin guard on /api/v1 only: the playground's own routes still refuse it", () => {
    const post = (url: string, origin: string) => new Request(url, { method: "POST", headers: { origin, "sec-fetch-site": "cross-site", "content-type": "application/json", host: "app" } });
    expect(() => guardAction(post("http://app/api/v1/chat/completions", PAGE))).not.toThrow();
    expect(() => guardAction(post("http://app/api/v1/chat/completions", "https://evil.example"))).toThrow(/other web sites/);
    expect(() => guardAction(post("http://app/api/chat", PAGE))).toThrow(/other web sites/);
    expect(() => guardAction(post("http://app/api/shares", PAGE))).toThrow(/other web sites/);
  });
});
