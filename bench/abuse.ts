/**
 * The app under abuse: while an attacker (its own process) posts 1 MB bodies to every acting
 * route in several concurrent loops, how much later does a second client get `GET /` and the
 * tokens of a paced stream? Each is measured first without the attacker (baseline), then with it.
 * Target (issue 9): p99 added latency ≤ 50 ms.
 */
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { startAttacker } from "./children";
import { monotonicMs } from "./clock";
import type { AttackCounts } from "./attack-process";
import { treeCpuSeconds, type NextServer } from "./next-server";
import { percentile } from "./stats";
import { readSseStream, timeGet } from "./stream-client";
import { FULL_SPEED, STREAM_TOKENS, streamPaths, warmUp, type Target } from "./targets";

const STREAM_MODEL = `stamp:${STREAM_TOKENS}:100`;
const LOOPS_PER_ROUTE = 2;
const ROUTES = 6;
const TARGET_MS = 50;
/** How long the attack runs before the victim starts measuring: every loop is under way. */
const RAMP_MS = 3_000;

const UNLIMITED = "1000000000";
/**
 * Every bench client comes from 127.0.0.1, the address the app's per-client limits are keyed by:
 * raised so the victim is never refused (the attacker's bodies are refused for their size anyway).
 * The bench upstream lists only its markdown model, so the stamp models are allowed explicitly.
 */
export const ABUSE_ENV: Record<string, string> = {
  CHAT_RATE_LIMIT: UNLIMITED,
  CHAT_CONCURRENT_LIMIT: UNLIMITED,
  TOKEN_RATE_LIMIT: UNLIMITED,
  COUNT_RATE_LIMIT: UNLIMITED,
  SHARE_RATE_LIMIT: UNLIMITED,
  MODELS_ALLOWED: [STREAM_MODEL, FULL_SPEED].join(","),
};

interface StreamDelays {
  /** Per token: arrival here − the upstream's send stamp. */
  delays: number[];
  firstContentMs: number;
  error?: string;
}

const STAMP = /@(\d+\.\d+)/g;

/** One /api/chat stream on a fresh connection; every stamped token's delay from the upstream's write to here. */
function streamDelays(target: Target): Promise<StreamDelays> {
  return new Promise((resolve) => {
    const start = monotonicMs();
    const result: StreamDelays = { delays: [], firstContentMs: 0 };
    let terminal = false;
    readSseStream(target.url, target.body, {
      onEvents(complete, at) {
        for (const [, stamp] of complete.matchAll(STAMP)) result.delays.push(at - Number(stamp));
        if (result.delays.length && !result.firstContentMs) result.firstContentMs = at - start;
        if (complete.includes(`"type":"finish"`)) terminal = true;
        const error = /"type":"error".*/.exec(complete);
        if (error) throw new Error(`error event: ${error[0].slice(0, 160)}`);
      },
      onEnd(error) {
        if (error) resolve({ ...result, error: error.message });
        else resolve(terminal ? result : { ...result, error: "the stream ended without a finish event" });
      },
    });
  });
}

interface ThreadTimes {
  /** Nanoseconds the main thread (the event loop) ran, and waited runnable for a CPU (/proc schedstat). */
  mainCpu: number;
  mainWait: number;
  /** Nanoseconds all other threads ran: the tokenizer pool's workers, libuv's pool, V8's GC and compiler. */
  othersCpu: number;
}

/** The server process's threads' CPU and run-queue time so far: whether the event loop was busy, or starved by the machine. */
function threadTimes(pid: number): ThreadTimes {
  const times: ThreadTimes = { mainCpu: 0, mainWait: 0, othersCpu: 0 };
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const [cpu, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ").map(Number);
      if (Number(tid) === pid) [times.mainCpu, times.mainWait] = [cpu, wait];
      else times.othersCpu += cpu;
    } catch {
      /* the thread exited while we looked */
    }
  }
  return times;
}

interface VictimRun {
  gets: number[];
  getErrors: string[];
  stream: StreamDelays;
  seconds: number;
  serverCpu: number;
  /** The machine's 1-minute load average at the end: other work on it shows in every figure. */
  load: number;
  /** Shares of the run's wall time: the main thread on a CPU, the main thread waiting for one, the other threads on a CPU. */
  threads: { mainCpu: number; mainWait: number; othersCpu: number };
}

/** The victim: one paced stream, and meanwhile `GET /` back to back (a fresh connection each) until the stream ends. */
async function victim(app: string, target: Target, serverPid: number): Promise<VictimRun> {
  const [start, cpu, threads] = [monotonicMs(), treeCpuSeconds(serverPid), threadTimes(serverPid)];
  let streaming = true;
  const streamDone = streamDelays(target).finally(() => (streaming = false));
  const gets: number[] = [];
  const getErrors: string[] = [];
  while (streaming) {
    try {
      gets.push(await timeGet(`${app}/`));
    } catch (error) {
      getErrors.push((error as Error).message);
    }
  }
  const stream = await streamDone;
  const seconds = (monotonicMs() - start) / 1000;
  const now = threadTimes(serverPid);
  const share = (key: keyof ThreadTimes) => (now[key] - threads[key]) / 1e9 / seconds;
  return {
    gets,
    getErrors,
    stream,
    seconds,
    serverCpu: treeCpuSeconds(serverPid) - cpu,
    load: os.loadavg()[0],
    threads: { mainCpu: share("mainCpu"), mainWait: share("mainWait"), othersCpu: share("othersCpu") },
  };
}

/** A share to aim DELETE /api/shares/<id> at; a made-up id if creating one fails (the 1 MB body is refused first either way). */
async function someShareId(app: string): Promise<string> {
  try {
    const response = await fetch(`${app}/api/shares`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ systemMessage: "", params: {}, messages: [{ role: "user", content: "abuse bench" }, { role: "assistant", content: "a reply" }] }),
    });
    const json = (await response.json()) as { id?: string };
    if (response.ok && json.id) return json.id;
  } catch {
    /* fall through */
  }
  return "AAAAAAAAAAAAAAAAAAAAAA";
}

const pair = (xs: number[]) => `${percentile(xs, 50).toFixed(1)} / ${percentile(xs, 99).toFixed(1)} ms`;
const signed = (n: number) => `${n >= 0 ? "+" : "−"}${Math.abs(n).toFixed(1)} ms`;
const count = (n: number) => n.toLocaleString("en");

function errorsText(errors: string[]): string {
  if (!errors.length) return "0";
  const counts = new Map<string, number>();
  for (const e of errors) counts.set(e, (counts.get(e) ?? 0) + 1);
  return `${errors.length} (${[...counts].slice(0, 3).map(([e, n]) => `${n}× ${e}`).join("; ")})`;
}

function printAttack(counts: AttackCounts, seconds: number) {
  const total = Object.values(counts).reduce((sum, { answerMs }) => sum + answerMs.length, 0);
  console.log(
    `attack: ${count(total)} requests answered in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(1)}/s); by route, body and framing: answers (status or client error), time to answer p50 / max`,
  );
  const width = Math.max(...Object.keys(counts).map((label) => label.length));
  for (const label of Object.keys(counts).sort()) {
    const { outcomes, answerMs } = counts[label];
    const statuses = Object.entries(outcomes)
      .sort(([, a], [, b]) => b - a)
      .map(([status, n]) => `${status} ×${count(n)}`)
      .join(", ");
    console.log(`  ${label.padEnd(width)}  ${statuses.padEnd(24)} ${percentile(answerMs, 50).toFixed(0)} / ${Math.max(...answerMs).toFixed(0)} ms`);
  }
}

export async function measureAbuse(upstreamUrl: string, startApp: (env: Record<string, string>) => Promise<NextServer>): Promise<void> {
  console.log(
    `\n== Abuse: another process posts 1 MB bodies (JSON and junk; with Content-Length and chunked) to the ${ROUTES} acting routes, ${LOOPS_PER_ROUTE} loops per route;` +
      `\n   meanwhile a victim's GET / (fresh connection each, back to back) and one ${count(STREAM_TOKENS)}-token stream at 100 tokens/s through /api/chat ==` +
      `\n   token delay = arrival − the upstream's send stamp, per token; p50 / p99; added = under attack − baseline`,
  );
  const server = await startApp(ABUSE_ENV);
  const attacker = startAttacker();
  try {
    const paths = streamPaths(upstreamUrl, server.url);
    await warmUp(paths);
    for (let i = 0; i < 10; i++) await timeGet(`${server.url}/`);
    const shareId = await someShareId(server.url);
    const target = paths.route(STREAM_MODEL);

    const baseline = await victim(server.url, target, server.pid);
    const attackStart = monotonicMs();
    const attackerCpu = treeCpuSeconds(attacker.pid);
    await attacker.start(server.url, LOOPS_PER_ROUTE, shareId);
    await new Promise((r) => setTimeout(r, RAMP_MS));
    const attacked = await victim(server.url, target, server.pid);
    const attackerBusy = (treeCpuSeconds(attacker.pid) - attackerCpu) / ((monotonicMs() - attackStart) / 1000);
    const counts = await attacker.stop();
    const attackSeconds = (monotonicMs() - attackStart) / 1000;

    const busy = (run: VictimRun) => `${((run.serverCpu / run.seconds) * 100).toFixed(0)}%`;
    const addedP99 = (a: number[], b: number[]) => signed(percentile(a, 99) - percentile(b, 99));
    const [base, hit] = [baseline.stream.delays, attacked.stream.delays];
    console.log(
      `GET /         baseline ${pair(baseline.gets)} (n=${count(baseline.gets.length)}) | under attack ${pair(attacked.gets)} (n=${count(attacked.gets.length)})` +
        ` | added p99 ${addedP99(attacked.gets, baseline.gets)} (target ≤ +${TARGET_MS} ms)`,
    );
    console.log(
      `token delay   baseline ${pair(base)} (${count(base.length)} tokens) | under attack ${pair(hit)} (${count(hit.length)} tokens)` +
        ` | added p99 ${addedP99(hit, base)} (target ≤ +${TARGET_MS} ms)`,
    );
    console.log(
      `stream        first content baseline ${baseline.stream.firstContentMs.toFixed(1)} ms, under attack ${attacked.stream.firstContentMs.toFixed(1)} ms;` +
        ` errors baseline ${baseline.stream.error ?? "none"}, under attack ${attacked.stream.error ?? "none"}`,
    );
    console.log(`GET / errors  baseline ${errorsText(baseline.getErrors)}, under attack ${errorsText(attacked.getErrors)}`);
    console.log(
      `busy          server ${busy(baseline)} of a core at baseline, ${busy(attacked)} under attack (all its threads); attacker process ${(attackerBusy * 100).toFixed(0)}%;` +
        ` machine load average ${baseline.load.toFixed(1)} / ${attacked.load.toFixed(1)} on ${os.availableParallelism()} cores`,
    );
    const threads = ({ threads: t }: VictimRun) =>
      `main thread on a CPU ${(t.mainCpu * 100).toFixed(0)}%, runnable but waiting for one ${(t.mainWait * 100).toFixed(0)}%, other threads on a CPU ${(t.othersCpu * 100).toFixed(0)}%`;
    console.log(`server threads  baseline: ${threads(baseline)}\n                under attack: ${threads(attacked)} (of wall time)`);
    printAttack(counts, attackSeconds);
  } finally {
    attacker.close();
    server.stop();
  }
}
