/** The bench's helper processes: TypeScript children talking over IPC. */
import { fork, type ChildProcess } from "node:child_process";
import type { AttackCounts } from "./attack-process";
import type { StreamOutcome } from "./load-process";

/** Forks a bench/*.ts file with tsx, sharing this terminal's stdout/stderr. */
function forkTs(file: string): ChildProcess {
  return fork(file, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
}

function nextMessage<T extends { type: string }>(child: ChildProcess, type: T["type"]): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: T) => {
      if (message.type !== type) return;
      child.off("message", onMessage).off("exit", onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => reject(new Error(`bench child exited (${code}) before "${type}"`));
    child.on("message", onMessage).once("exit", onExit);
  });
}

export interface BenchUpstream {
  url: string;
  pid: number;
  /** Wall-clock time the last markdown END_MARK was written. */
  lastEndSentAt(): number;
  close(): void;
}

export async function startUpstream(): Promise<BenchUpstream> {
  const child = forkTs("bench/upstream-process.ts");
  let endSentAt = 0;
  child.on("message", (m: { type: string; at?: number }) => {
    if (m.type === "markdown-end" && m.at) endSentAt = m.at;
  });
  const { url } = await nextMessage<{ type: "ready"; url: string }>(child, "ready");
  return { url, pid: child.pid!, lastEndSentAt: () => endSentAt, close: () => void child.kill() };
}

export interface LoadRun {
  outcomes: StreamOutcome[];
  /** CPU seconds the client process spent on this run: near a full core per wall second, the client would be the bottleneck. */
  clientCpuSeconds: number;
}

export interface LoadClient {
  /** Opens `streams` concurrent streams, each on a fresh connection, and reports each one's outcome. */
  run(url: string, body: unknown, streams: number): Promise<LoadRun>;
  /** Sends `requests` GETs at once, each on a fresh connection; each one's time to the whole response (NaN if it failed). */
  gets(url: string, requests: number): Promise<number[]>;
  close(): void;
}

/** The concurrent client lives in its own process so parsing 50,000 tokens/s never slows the server it measures. */
export function startLoadClient(): LoadClient {
  const child = forkTs("bench/load-process.ts");
  return {
    async run(url, body, streams) {
      const done = nextMessage<{ type: "done" } & LoadRun>(child, "done");
      child.send({ type: "run", url, body, streams });
      const { outcomes, clientCpuSeconds } = await done;
      return { outcomes, clientCpuSeconds };
    },
    async gets(url, requests) {
      const done = nextMessage<{ type: "gets-done"; times: number[] }>(child, "gets-done");
      child.send({ type: "gets", url, requests });
      return (await done).times;
    },
    close: () => void child.kill(),
  };
}

export interface Attacker {
  pid: number;
  /** Starts `loopsPerRoute` concurrent loops per acting route of `app`, each posting 1 MB bodies back to back. */
  start(app: string, loopsPerRoute: number, shareId: string): Promise<void>;
  /** Stops the loops (requests in flight are cut off) and reports what the server answered. */
  stop(): Promise<AttackCounts>;
  close(): void;
}

/** The abusive client lives in its own process: sending megabytes must not slow the bench's own clients. */
export function startAttacker(): Attacker {
  const child = forkTs("bench/attack-process.ts");
  return {
    pid: child.pid!,
    async start(app, loopsPerRoute, shareId) {
      const started = nextMessage<{ type: "started" }>(child, "started");
      child.send({ type: "start", app, loopsPerRoute, shareId });
      await started;
    },
    async stop() {
      const stopped = nextMessage<{ type: "stopped"; counts: AttackCounts }>(child, "stopped");
      child.send({ type: "stop" });
      return (await stopped).counts;
    },
    close: () => void child.kill(),
  };
}
