/**
 * Several instances, for real: two `next start` of the built app behind Debian's nginx (its own
 * config and prefix in a temp folder), sharing PostgreSQL and a redis-server of this test's own
 * (so it can be stopped). The provider is the bench's local OpenAI-wire upstream, so no model loads.
 *
 * nginx listens three times: the load balancer (round robin over both) and one port pinned to
 * each instance, so a step can say "through A" or "through B" and still pass through the proxy
 * (TRUST_PROXY_HOPS=1). It adds X-Upstream to every answer: which instance served it.
 *
 * Needs PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test), redis-server
 * and nginx (installed with apt-get when missing, as .ci/run does); skips with the reason otherwise.
 */
import { expect, test } from "@playwright/test";
import { execSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import Redis from "ioredis";
import { createBenchUpstream } from "../../bench/upstream";
import { streamChat } from "../../lib/client/chat-stream";

const DATABASE_URL = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const NGINX = "/usr/sbin/nginx";
const SHARE_LIMIT = 8;
/** 1 s of tokens at 30/s; the long one (20 s) outlives the kill. */
const SHORT_MODEL = "stamp:30:30";
const LONG_MODEL = "stamp:400:20";
/** Half a second: finishes within the shutdown grace period. */
const BRIEF_MODEL = "stamp:15:30";
const GRACE_S = 3;
const INVALIDATION_CHANNEL = "playground:share-invalidated";

interface Instance {
  name: "A" | "B";
  port: number;
  child: ChildProcess;
  log: string;
  exited: Promise<number | null>;
}

let dir: string;
let upstream: import("node:http").Server;
let upstreamUrl: string;
let redis: ChildProcess;
let redisPort: number;
let nginx: ChildProcess;
const instances: Record<"A" | "B", Instance> = {} as Record<"A" | "B", Instance>;
const urls = { lb: "", A: "", B: "" };

test.describe.configure({ mode: "serial" });
test.setTimeout(60_000);

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });

async function waitFor(url: string, what: string, child: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${what} did not answer at ${url}`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function postgresReachable() {
  const client = new Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function ensureNginx(): boolean {
  if (fs.existsSync(NGINX)) return true;
  const sudo = process.getuid?.() === 0 ? "" : "sudo ";
  try {
    execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx`, { stdio: "inherit" });
  } catch {
    return false;
  }
  return fs.existsSync(NGINX);
}

function hasRedisServer() {
  try {
    execSync("command -v redis-server", { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

async function startInstance(name: "A" | "B", upstreamUrl: string, port?: number): Promise<Instance> {
  port ??= await freePort();
  const log = path.join(dir, `instance-${name}.log`);
  const out = fs.openSync(log, "a");
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      MODELSLAB_API_KEY: "",
      OPENAI_BASE_URL: upstreamUrl,
      OPENAI_MODEL: SHORT_MODEL,
      MODELS_ALLOWED: `${SHORT_MODEL},${LONG_MODEL},${BRIEF_MODEL}`,
      DATABASE_URL,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      TRUST_PROXY_HOPS: "1",
      SHARE_RATE_LIMIT: String(SHARE_LIMIT),
      SHUTDOWN_GRACE_S: String(GRACE_S),
      DATA_DIR: path.join(dir, `data-${name}`),
    },
    stdio: ["ignore", out, out],
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await waitFor(`http://127.0.0.1:${port}/api/health/live`, `instance ${name}`, child);
  return { name, port, child, log, exited };
}

function nginxConfig(lb: number, pinA: number, pinB: number) {
  const a = `127.0.0.1:${instances.A.port}`;
  const b = `127.0.0.1:${instances.B.port}`;
  return `
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/nginx-body;
  proxy_temp_path ${dir}/nginx-proxy;
  fastcgi_temp_path ${dir}/nginx-fastcgi;
  uwsgi_temp_path ${dir}/nginx-uwsgi;
  scgi_temp_path ${dir}/nginx-scgi;
  upstream app { server ${a} max_fails=1 fail_timeout=2s; server ${b} max_fails=1 fail_timeout=2s; keepalive 16; }
  upstream only_a { server ${a}; }
  upstream only_b { server ${b}; }
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  proxy_set_header Host $http_host;
  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
  proxy_set_header X-Forwarded-Proto $scheme;
  proxy_buffering off;
  proxy_read_timeout 120s;
  add_header X-Upstream $upstream_addr always;
  server { listen 127.0.0.1:${lb}; location / { proxy_pass http://app; } }
  server { listen 127.0.0.1:${pinA}; location / { proxy_pass http://only_a; } }
  server { listen 127.0.0.1:${pinB}; location / { proxy_pass http://only_b; } }
}
`;
}

const served = (response: Response) => (response.headers.get("x-upstream") ?? "").split(":").pop();
const nameOf = (port: string | undefined) => (Number(port) === instances.A.port ? "A" : Number(port) === instances.B.port ? "B" : `? (${port})`);

const salt = Math.random().toString(36).slice(2);
let shareCount = 0;
function createShare(base: string) {
  shareCount++;
  return fetch(`${base}/api/shares`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      params: { temperature: 0.7 },
      messages: [
        { role: "user", content: `multi-instance ${salt} #${shareCount}` },
        { role: "assistant", content: "Two **instances**, one database.\n\n```ts\nconst shared = true;\n```" },
      ],
    }),
  });
}

function chat(base: string, model: string) {
  return fetch(`${base}/api/chat`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "Count for me." }] }),
  });
}

/** The SSE events of a whole reply (the client's view: a dropped stream throws here). */
async function events(response: Response): Promise<{ type: string; code?: string; message?: string }[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block.startsWith("data: "))
    .map((block) => JSON.parse(block.slice("data: ".length)));
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  test.skip(!(await postgresReachable()), `PostgreSQL is not reachable at ${DATABASE_URL}`);
  test.skip(!hasRedisServer(), "redis-server is not installed");
  test.skip(!ensureNginx(), "nginx is not installed and apt-get could not install it");

  dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-multi-instance-"));
  // nginx's workers may run as another user: let them use the temp paths.
  fs.chmodSync(dir, 0o777);

  upstream = createBenchUpstream(() => {});
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as net.AddressInfo).port}`;

  redisPort = await freePort();
  redis = spawn("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const probe = new Redis(redisPort, "127.0.0.1", { retryStrategy: () => 100 });
  probe.on("error", () => {}); // refused until redis-server listens
  await probe.ping();
  probe.disconnect();

  const [a, b] = await Promise.all([startInstance("A", upstreamUrl), startInstance("B", upstreamUrl)]);
  instances.A = a;
  instances.B = b;

  const [lb, pinA, pinB] = [await freePort(), await freePort(), await freePort()];
  fs.writeFileSync(path.join(dir, "nginx.conf"), nginxConfig(lb, pinA, pinB));
  nginx = spawn(NGINX, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "nginx-error.log")], { stdio: ["ignore", "ignore", "inherit"] });
  urls.lb = `http://127.0.0.1:${lb}`;
  urls.A = `http://127.0.0.1:${pinA}`;
  urls.B = `http://127.0.0.1:${pinB}`;
  await waitFor(`${urls.lb}/api/health/live`, "nginx", nginx, 15_000);
});

test.afterAll(async () => {
  nginx?.kill("SIGTERM");
  for (const instance of Object.values(instances)) {
    if (instance.child.exitCode === null) {
      try {
        process.kill(-instance.child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
    }
  }
  redis?.kill("SIGKILL");
  await new Promise((resolve) => upstream?.close(resolve));
  if (dir && !process.env.KEEP_E2E_TEMP) fs.rmSync(dir, { recursive: true, force: true });
});

test("GET /api/health on each instance reports the provider, PostgreSQL and Redis, without secrets", async () => {
  for (const base of [urls.A, urls.B]) {
    const response = await fetch(`${base}/api/health`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      status: "ok",
      provider: { kind: "openai-compatible", model: SHORT_MODEL },
      database: { kind: "postgresql", status: "ok" },
      redis: { status: "ok" },
    });
    expect(JSON.stringify(body)).not.toMatch(/postgres:\/\/|redis:\/\/|127\.0\.0\.1/);
  }
});

test("a prompt saved through one instance is read, versioned and rendered through the other, and saves through both at once keep both versions", async () => {
  const json = { "Content-Type": "application/json" };
  const created = await fetch(`${urls.A}/api/v1/prompts`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ name: `multi-instance prompt ${salt}`, systemMessage: "Answer about {{topic}}.", messages: [{ role: "user", content: "Tell me about {{topic}}." }] }),
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };

  const onB = await fetch(`${urls.B}/api/v1/prompts/${id}`);
  expect(onB.status).toBe(200);
  expect(await onB.json()).toMatchObject({ name: `multi-instance prompt ${salt}`, versions: [{ version: 1 }] });

  const version = (note: string) => ({ method: "POST", headers: json, body: JSON.stringify({ systemMessage: `Answer briefly about {{topic}} (${note}).`, note }) });
  const [fromA, fromB] = await Promise.all([fetch(`${urls.A}/api/v1/prompts/${id}/versions`, version("from A")), fetch(`${urls.B}/api/v1/prompts/${id}/versions`, version("from B"))]);
  expect([fromA.status, fromB.status]).toEqual([201, 201]);
  const versions = (await (await fetch(`${urls.lb}/api/v1/prompts/${id}/versions`)).json()) as { data: { version: number; note?: string }[] };
  expect(versions.data.map((v) => v.version)).toEqual([1, 2, 3]);
  expect(versions.data.slice(1).map((v) => v.note).sort()).toEqual(["from A", "from B"]);

  const rendered = await fetch(`${urls.B}/api/v1/prompts/${id}/render?version=1`, { method: "POST", headers: json, body: JSON.stringify({ variables: { topic: "rivers" } }) });
  expect(await rendered.json()).toMatchObject({ messages: [{ role: "system", content: "Answer about rivers." }, { role: "user", content: "Tell me about rivers." }] });
  expect((await fetch(`${urls.A}/api/v1/prompts/${id}`, { method: "DELETE" })).status).toBe(200);
  expect((await fetch(`${urls.B}/api/v1/prompts/${id}`)).status).toBe(404);
});

test("a share created through one instance is readable through the other; a revoke through one is 410 on the other at once, and its cached page is dropped everywhere", async () => {
  const created = await createShare(urls.A);
  expect(created.status).toBe(201);
  expect(nameOf(served(created))).toBe("A");
  const { id, revokeToken } = (await created.json()) as { id: string; revokeToken: string };

  const onB = await fetch(`${urls.B}/s/${id}`);
  expect(onB.status).toBe(200);
  expect(nameOf(served(onB))).toBe("B");
  expect(await onB.text()).toContain(`multi-instance ${salt}`);
  // B now has the page cached; the next read comes from its cache, with a fresh nonce.
  const again = await fetch(`${urls.B}/s/${id}`);
  expect(again.headers.get("x-share-page-cache")).toBe("hit");
  const nonce = (r: Response) => /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
  expect(nonce(again)).toBeTruthy();
  expect(nonce(again)).not.toBe(nonce(onB));
  expect(await again.text()).toContain(`nonce="${nonce(again)}"`);

  const listener = new Redis(redisPort, "127.0.0.1");
  const invalidated = new Promise<string>((resolve) => listener.on("message", (_channel, message: string) => resolve(message)));
  await listener.subscribe(INVALIDATION_CHANNEL);
  try {
    const revoked = await fetch(`${urls.A}/api/shares/${id}`, { method: "DELETE", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ revokeToken }) });
    expect(revoked.status).toBe(200);
    const start = Date.now();
    const gone = await fetch(`${urls.B}/s/${id}`);
    expect(gone.status).toBe(410);
    expect(Date.now() - start).toBeLessThan(1_000);
    expect(await gone.text()).not.toContain(`multi-instance ${salt}`);
    // The revoke was announced to every instance, which drop their cached copy.
    expect(await invalidated).toBe(id);
  } finally {
    listener.disconnect();
  }
});

test("the share rate limit counts across both instances", async () => {
  const servedBy = new Set<string>();
  const statuses: number[] = [];
  // shareCount creates were already counted against this client (nginx's view of it: 127.0.0.1).
  for (let i = shareCount; i < SHARE_LIMIT + 2; i++) {
    const response = await createShare(urls.lb);
    statuses.push(response.status);
    if (response.status === 201) servedBy.add(nameOf(served(response)));
  }
  expect(servedBy).toEqual(new Set(["A", "B"]));
  // Per instance, each would allow SHARE_LIMIT: shared, the whole budget is SHARE_LIMIT.
  expect(statuses.filter((s) => s === 201)).toHaveLength(SHARE_LIMIT - 1);
  expect(statuses.slice(-2)).toEqual([429, 429]);
});

test("with Redis stopped, chat and shares keep working, and each instance logs one warning", async () => {
  redis.kill("SIGKILL");
  await new Promise((r) => setTimeout(r, 500));
  for (const base of [urls.A, urls.B]) {
    const reply = await events(await chat(base, SHORT_MODEL));
    expect(reply.at(-1)?.type).toBe("finish");
    // Per-instance limits now (insurance limiter): a fresh budget on each.
    const created = await createShare(base);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    for (const reader of [urls.A, urls.B]) expect((await fetch(`${reader}/s/${id}`)).status).toBe(200);
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ database: { status: "ok" }, redis: { status: "error" } });
  }
  // Reconnect attempts keep failing meanwhile: still one warning per instance.
  await new Promise((r) => setTimeout(r, 2_500));
  for (const instance of Object.values(instances)) {
    const warnings = fs.readFileSync(instance.log, "utf8").match(/Redis at .* is unavailable/g) ?? [];
    expect(warnings, `instance ${instance.name}`).toHaveLength(1);
  }
});

test("SIGKILL on the instance serving a stream: the browser's client ends the reply with an error event and keeps the partial text, and a retry succeeds through the other", async () => {
  const victim = instances.A;
  const body = { systemMessage: "", params: { temperature: 0.7, maxTokens: 1000, topP: 0.9, frequencyPenalty: 0, presencePenalty: 0 }, model: LONG_MODEL, messages: [{ role: "user" as const, content: "Count for me." }] };
  // Through nginx's port pinned to A: the same path a browser's request takes, to a known instance.
  const seen: { type: string; code?: string }[] = [];
  let killed = false;
  for await (const batch of streamChat(body, new AbortController().signal, `${urls.A}/api/chat`)) {
    seen.push(...batch);
    if (!killed && batch.some((e) => e.type === "text-delta")) {
      killed = true;
      // No shutdown, no last words: the whole process group, at once.
      process.kill(-victim.child.pid!, "SIGKILL");
    }
  }
  expect(killed).toBe(true);
  expect(seen.filter((e) => e.type === "text-delta").length).toBeGreaterThan(0);
  // Exactly one terminal event, and it says what happened.
  expect(seen.filter((e) => e.type === "finish" || e.type === "error")).toEqual([expect.objectContaining({ type: "error", code: "connection_dropped" })]);
  await victim.exited;

  const retry = await chat(urls.lb, SHORT_MODEL);
  expect(nameOf(served(retry))).toBe("B");
  expect((await events(retry)).at(-1)?.type).toBe("finish");

  // A comes back on its port, for the tests after this one.
  instances.A = await startInstance("A", upstreamUrl, victim.port);
  await waitFor(`${urls.A}/api/health/live`, "nginx to instance A", instances.A.child, 15_000);
});

test("SIGTERM on the instance serving a stream: a brief reply still finishes, the long one ends with an error event after the grace period, and a retry succeeds through the other", async () => {
  const response = await chat(urls.lb, LONG_MODEL);
  expect(response.status).toBe(200);
  const victim = instances[nameOf(served(response)) as "A" | "B"];
  expect(victim).toBeTruthy();
  const survivor = victim.name === "A" ? instances.B : instances.A;

  // Read until the reply is under way, then stop its instance.
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes('"type":"text-delta"')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  // A reply that started just before the signal and takes less than the grace period finishes normally.
  const brief = chat(victim.name === "A" ? urls.A : urls.B, BRIEF_MODEL);
  await new Promise((r) => setTimeout(r, 100));
  const signalledAt = Date.now();
  process.kill(victim.child.pid!, "SIGTERM");
  // It stops accepting connections at once, while its streams go on.
  await new Promise((r) => setTimeout(r, 200));
  await expect(fetch(`http://127.0.0.1:${victim.port}/api/health/live`)).rejects.toThrow();
  let dropped = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    dropped = true;
  }
  const endedAfter = Date.now() - signalledAt;
  const last = text.trim().split("\n\n").at(-1) ?? "";
  // The client sees an error: the stream's terminal error event (graceful shutdown), never a silent end.
  expect(dropped).toBe(false);
  expect(JSON.parse(last.slice("data: ".length))).toMatchObject({ type: "error", code: "upstream_unavailable" });
  expect(last).toContain("shutting down");
  // Ended after the grace period, not after its 20 s.
  expect(endedAfter).toBeGreaterThan(GRACE_S * 1000 - 200);
  expect(endedAfter).toBeLessThan(GRACE_S * 1000 + 4_000);
  expect((await events(await brief)).at(-1)?.type).toBe("finish");
  expect(await victim.exited).not.toBeNull();

  const retry = await chat(urls.lb, SHORT_MODEL);
  expect(nameOf(served(retry))).toBe(survivor.name);
  expect((await events(retry)).at(-1)?.type).toBe("finish");
});
