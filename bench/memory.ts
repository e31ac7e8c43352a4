/**
 * Does the server keep what 2,000 streams leave behind? A server started with the inspector on a
 * free port: warm up, force a GC through the inspector protocol and read the RSS of the
 * `next start` process tree; run 2,000 streams through /api/chat, 30% of them aborted by their
 * client after the first content; force a GC again and read RSS again.
 * Target (issue 9): growth ≤ 20 MB. The V8 heap in use is printed too: RSS also holds allocator
 * slack and code that a GC does not hand back.
 */
import http from "node:http";
import WebSocket from "ws";
import { monotonicMs } from "./clock";
import { freePort, treeRss, type NextServer } from "./next-server";
import { streamPaths, type Target } from "./targets";

const STREAMS = 2_000;
const WARM_UP_STREAMS = 100;
const CONCURRENCY = 50;
const ABORT_SHARE = 0.3;
/** 200-token replies at 1,000 tokens/s: each lasts 0.2 s, so an abort after the first content lands mid-stream. */
const MODEL = "stamp:200:1000";
const TARGET_MB = 20;

const UNLIMITED = "1000000000";
/** All bench clients are 127.0.0.1: limits raised so that no stream is refused; the stamp model allowed explicitly. */
const MEMORY_ENV: Record<string, string> = {
  CHAT_RATE_LIMIT: UNLIMITED,
  CHAT_CONCURRENT_LIMIT: UNLIMITED,
  TOKEN_RATE_LIMIT: UNLIMITED,
  COUNT_RATE_LIMIT: UNLIMITED,
  MODELS_ALLOWED: MODEL,
};

/** A minimal Chrome DevTools Protocol client over the inspector's WebSocket. */
class Inspector {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
      const call = message.id === undefined ? undefined : this.waiting.get(message.id);
      if (!call) return;
      this.waiting.delete(message.id!);
      if (message.error) call.reject(new Error(message.error.message));
      else call.resolve(message.result);
    });
    socket.on("close", () => {
      for (const call of this.waiting.values()) call.reject(new Error("inspector connection closed"));
      this.waiting.clear();
    });
  }

  /** Connects to the first target that http://127.0.0.1:<port>/json/list names. */
  static async connect(port: number): Promise<Inspector> {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
    if (!targets.length) throw new Error(`no inspector target on port ${port}`);
    const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
    await new Promise<void>((resolve, reject) => socket.once("open", () => resolve()).once("error", reject));
    return new Inspector(socket);
  }

  call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (result: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** The inspected process's own view: its pid and process.memoryUsage(). */
  async processMemory(): Promise<{ pid: number; rss: number; heapUsed: number; external: number; arrayBuffers: number }> {
    const { result } = await this.call<{ result: { value: string } }>("Runtime.evaluate", {
      expression: "JSON.stringify({ pid: process.pid, ...process.memoryUsage() })",
      returnByValue: true,
    });
    return JSON.parse(result.value);
  }

  close() {
    this.socket.close();
  }
}

type Outcome = "completed" | "aborted" | string;

/**
 * One stream on a fresh connection. `abort`: the client closes the connection as soon as the
 * first content arrives (a user pressing Stop, or closing the tab).
 */
function stream(target: Target, abort: boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const request = http.request(target.url, { method: "POST", agent: false, headers: { "Content-Type": "application/json" } });
    request.setTimeout(60_000, () => request.destroy(new Error("no data for 60 s")));
    request.on("error", (error) => settle(error.message));
    request.on("response", (response) => {
      response.setEncoding("utf8");
      if (response.statusCode !== 200) {
        response.resume();
        return settle(`HTTP ${response.statusCode}`);
      }
      let seen = "";
      response.on("data", (part: string) => {
        if (abort && /@\d/.test(part)) {
          settle("aborted");
          return void request.destroy();
        }
        // Only the last few events matter: the terminal event arrives last.
        seen = (seen + part).slice(-4096);
      });
      response.on("error", () => {});
      response.on("end", () => {
        if (seen.includes(`"type":"finish"`)) settle("completed");
        else if (seen.includes(`"type":"error"`)) settle("error event");
        else settle("ended without a finish event");
      });
    });
    request.end(JSON.stringify(target.body));
  });
}

/** `count` streams, `CONCURRENCY` at a time; every stream whose index falls in the abort share is aborted. */
async function streams(target: Target, count: number): Promise<Map<Outcome, number>> {
  const outcomes = new Map<Outcome, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        // Exactly ABORT_SHARE of the streams, spread evenly (3 of every 10 for 0.3).
        const abort = Math.floor((i + 1) * ABORT_SHARE) > Math.floor(i * ABORT_SHARE);
        const outcome = await stream(target, abort);
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
    }),
  );
  return outcomes;
}

interface Snapshot {
  treeRssKb: number;
  processes: string;
  heapUsed: number;
  inspected: { pid: number; rss: number; external: number; arrayBuffers: number };
}

async function snapshot(inspector: Inspector, serverPid: number): Promise<Snapshot> {
  // Twice, with a pause: sockets closed by the last streams finish closing, and finalizers run, between the two.
  await inspector.call("HeapProfiler.collectGarbage");
  await new Promise((r) => setTimeout(r, 1_000));
  await inspector.call("HeapProfiler.collectGarbage");
  await new Promise((r) => setTimeout(r, 500));
  const { usedSize } = await inspector.call<{ usedSize: number }>("Runtime.getHeapUsage");
  const inspected = await inspector.processMemory();
  const tree = treeRss(serverPid);
  return {
    treeRssKb: tree.reduce((sum, p) => sum + p.rssKb, 0),
    processes: tree.map((p) => `${p.name} ${p.pid}: ${(p.rssKb / 1024).toFixed(1)} MB`).join(", "),
    heapUsed: usedSize,
    inspected,
  };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const signedMb = (bytes: number) => `${bytes >= 0 ? "+" : "−"}${mb(Math.abs(bytes))}`;
const outcomesText = (outcomes: Map<Outcome, number>) =>
  [...outcomes]
    .sort(([, a], [, b]) => b - a)
    .map(([outcome, n]) => `${n.toLocaleString("en")} ${outcome}`)
    .join(", ");

export async function measureMemory(upstreamUrl: string, startApp: (env: Record<string, string>) => Promise<NextServer>): Promise<void> {
  console.log(
    `\n== Memory: RSS of the server (next start's process tree) before and after ${STREAMS.toLocaleString("en")} streams through /api/chat` +
      `\n   (200 tokens at 1,000 tokens/s, ${CONCURRENCY} at a time, ${ABORT_SHARE * 100}% closed by the client after their first content), GC forced through the inspector ==`,
  );
  const inspectPort = await freePort();
  const server = await startApp({ ...MEMORY_ENV, NODE_OPTIONS: `--inspect=127.0.0.1:${inspectPort}` });
  let inspector: Inspector | undefined;
  try {
    inspector = await Inspector.connect(inspectPort);
    const target = streamPaths(upstreamUrl, server.url).route(MODEL);
    const warm = await streams(target, WARM_UP_STREAMS);
    const before = await snapshot(inspector, server.pid);
    const start = monotonicMs();
    const run = await streams(target, STREAMS);
    const seconds = (monotonicMs() - start) / 1000;
    await new Promise((r) => setTimeout(r, 2_000));
    const after = await snapshot(inspector, server.pid);

    const growth = (after.treeRssKb - before.treeRssKb) * 1024;
    console.log(`warm-up ${outcomesText(warm)}; run ${outcomesText(run)} in ${seconds.toFixed(1)} s`);
    console.log(`RSS        before ${mb(before.treeRssKb * 1024)} | after ${mb(after.treeRssKb * 1024)} | growth ${signedMb(growth)} (target ≤ +${TARGET_MB} MB)`);
    console.log(`heap used  before ${mb(before.heapUsed)} | after ${mb(after.heapUsed)} | growth ${signedMb(after.heapUsed - before.heapUsed)}`);
    console.log(
      `inspected process ${after.inspected.pid}: external ${mb(before.inspected.external)} → ${mb(after.inspected.external)},` +
        ` array buffers ${mb(before.inspected.arrayBuffers)} → ${mb(after.inspected.arrayBuffers)}; tree after: ${after.processes}`,
    );
    if (after.inspected.pid !== server.pid && !after.processes.includes(` ${after.inspected.pid}:`)) {
      console.log(`   note: the inspected process ${after.inspected.pid} is not in the server's tree: the GC was forced elsewhere`);
    }
  } finally {
    inspector?.close();
    server.stop();
  }
}
