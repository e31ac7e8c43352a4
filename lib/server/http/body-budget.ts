import "server-only";
import { AppError } from "../../errors";

/**
 * The process's budget for reading large request bodies. Decoding and parsing a megabyte of JSON
 * costs the event loop several milliseconds, so a flood of large bodies (many clients, each
 * within its own rate limit) would leave no time for anything else: pages and ordinary chats
 * would wait behind it. So beyond each body's first FREE_BYTES, bytes are admitted at
 * BYTES_PER_SECOND for the whole process, with BURST_BYTES of credit (one large prompt alone
 * never waits). A body over budget is not read further until its turn: the kernel's buffers fill
 * and TCP holds its sender, costing this process nothing meanwhile. A body with a declared length
 * takes its turn whole, before it is read; a chunked one, chunk by chunk. A body that would wait more
 * than MAX_WAIT_MS is refused with 503 and Retry-After instead of queueing without end.
 * Turns are first come, first served, and no client may have more than MAX_CLIENT_QUEUED_BYTES
 * waiting at once (503 beyond), so one client cannot fill the queue for everyone else.
 */
export const FREE_BYTES = 64 * 1024;
export const BYTES_PER_SECOND = 8 * 1024 * 1024;
export const BURST_BYTES = 4 * 1024 * 1024;
export const MAX_WAIT_MS = 10_000;
/** One second of the budget; a whole body (at most 2 MB) always fits. */
export const MAX_CLIENT_QUEUED_BYTES = 8 * 1024 * 1024;

/** When (performance.now(), ms) the bytes admitted so far are paid for. */
let paidUntil = 0;
/** Bytes each client has waiting for their turn now. */
const queuedByClient = new Map<string, number>();

const busy = (waitMs: number, message: string) => new AppError(503, "unavailable", message, undefined, Math.max(1, Math.ceil(waitMs / 1000)));

/**
 * Waits until `bytes` more of a large body from `client` (its address) may be read; AppError 503
 * when the wait would be too long or the client already has too much waiting.
 */
export async function admitBodyBytes(bytes: number, signal?: AbortSignal, client = ""): Promise<void> {
  // A client already gone takes no turn.
  signal?.throwIfAborted();
  const now = performance.now();
  // Unused budget accrues up to the burst, no further.
  const from = Math.max(paidUntil, now - (BURST_BYTES / BYTES_PER_SECOND) * 1000);
  const until = from + (bytes / BYTES_PER_SECOND) * 1000;
  const wait = until - now;
  if (wait > MAX_WAIT_MS) throw busy(wait, "The server is busy reading other large requests. Please try again in a moment.");
  if (wait <= 0) {
    paidUntil = until;
    return;
  }
  const queued = queuedByClient.get(client) ?? 0;
  if (queued + bytes > MAX_CLIENT_QUEUED_BYTES) throw busy(wait, "Too many large requests from this client at once. Please wait for the earlier ones.");
  paidUntil = until;
  queuedByClient.set(client, queued + bytes);
  try {
    await sleep(wait, signal);
  } finally {
    const left = (queuedByClient.get(client) ?? bytes) - bytes;
    if (left > 0) queuedByClient.set(client, left);
    else queuedByClient.delete(client);
  }
}

/** Resolves after `ms`, or rejects when `signal` aborts first (the client went away). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** For tests: forget what was admitted. */
export function resetBodyBudget(): void {
  paidUntil = 0;
  queuedByClient.clear();
}
