/**
 * The worker pool that runs the Mixtral tokenizer off the main thread (piscina). Encoding a long
 * text takes seconds of CPU; on the event loop it would freeze every other request meanwhile.
 */
import "server-only";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Piscina from "piscina";
import { AppError } from "../errors";

/** `count`: each text's token count. `encode`: the ids of one text. */
export type TokenizerTask = { count: string[] } | { encode: string };

/** Leave a core to the event loop; each thread holds its own copy of the vocabulary. */
const THREADS = Math.max(1, Math.min(4, availableParallelism() - 1));
/** Tasks waiting beyond this are refused (503) rather than queued without end. */
const MAX_QUEUE = 64;
/**
 * A guard, not a budget: the largest text that passes the length checks counts in seconds, but a
 * thread that cannot start or never answers must not hold a request forever.
 */
const TASK_TIMEOUT_MS = 60_000;
const WORKER_FILE = "tokenizer-worker.mjs";

/**
 * The worker is plain JavaScript loaded by path at run time, so it is never bundled: it sits beside
 * this module's source. From source (vitest, tsx) import.meta.url says where that is; in a Next
 * build Turbopack gives this module's source path under the project root, found at run time from
 * where the build is (so `next start` works from any folder). The current folder is the fallback,
 * for a bundler that gives something else (`next start` runs in the project root).
 */
function findWorkerFile(): string {
  const candidates: string[] = [];
  try {
    candidates.push(path.join(path.dirname(fileURLToPath(import.meta.url)), WORKER_FILE));
  } catch {
    // import.meta.url is not a file URL in this bundle.
  }
  candidates.push(path.join(process.cwd(), "lib", "tokens", WORKER_FILE));
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`The tokenizer worker was not found at ${candidates.join(" or ")}; start the server from the project folder.`);
  return found;
}

/** Next can load this module more than once per process (instrumentation, routes): share one pool. */
const POOL = Symbol.for("mixtral-playground.tokenizerPool");
type WithPool = typeof globalThis & { [POOL]?: Piscina<TokenizerTask, number[] | Uint16Array> };

function pool(): Piscina<TokenizerTask, number[] | Uint16Array> {
  const holder = globalThis as WithPool;
  if (!holder[POOL]) {
    // Idle threads are unref'd by piscina, so the pool never keeps a process alive.
    const created = new Piscina<TokenizerTask, number[] | Uint16Array>({
      filename: pathToFileURL(findWorkerFile()).href,
      minThreads: 1,
      maxThreads: THREADS,
      idleTimeout: 60_000,
    });
    // A thread that fails outside a task (it could not start): say so instead of crashing the server.
    created.on("error", (error: Error) => console.error(`Tokenizer worker failed: ${error.message}`));
    holder[POOL] = created;
  }
  return holder[POOL];
}

/**
 * Runs one task on a worker thread. Aborting `signal` (the client went away) drops a queued task
 * or stops the thread running it.
 */
export async function runTokenizer(task: { count: string[] }, signal?: AbortSignal): Promise<number[]>;
export async function runTokenizer(task: { encode: string }, signal?: AbortSignal): Promise<Uint16Array>;
export async function runTokenizer(task: TokenizerTask, signal?: AbortSignal): Promise<number[] | Uint16Array> {
  const workers = pool();
  if (workers.queueSize >= MAX_QUEUE) {
    throw new AppError(503, "unavailable", "The token counter is busy. Please try again in a moment.", undefined, 1);
  }
  const timeout = AbortSignal.timeout(TASK_TIMEOUT_MS);
  try {
    return await workers.run(task, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch (error) {
    // The client left (the token meter cancels a count at each keystroke): nobody to answer, nothing to log.
    if (signal?.aborted) throw new AppError(499, "cancelled", "The request was cancelled before its tokens were counted.");
    if (timeout.aborted) {
      throw new AppError(503, "unavailable", "Counting tokens took too long. Please try again in a moment.", undefined, 1);
    }
    throw error;
  }
}

/** For tests and scripts that want to exit at once. */
export async function closeTokenizerPool(): Promise<void> {
  const holder = globalThis as WithPool;
  const workers = holder[POOL];
  delete holder[POOL];
  await workers?.destroy();
}
