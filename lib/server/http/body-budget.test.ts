/**
 * The process's budget for large bodies: a burst passes at once, beyond it bytes are admitted at
 * the budget's rate in arrival order, a wait past the limit is a 503 with Retry-After, and a
 * client that goes away stops waiting. On fake timers (the pace is the behaviour under test).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { admitBodyBytes, BURST_BYTES, BYTES_PER_SECOND, MAX_CLIENT_QUEUED_BYTES, MAX_WAIT_MS, resetBodyBudget } from "./body-budget";

const MB = 1024 * 1024;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
  vi.advanceTimersByTime(60_000);
  resetBodyBudget();
});
afterEach(() => vi.useRealTimers());

/** Whether `promise` has settled, without waiting for it. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe("admitBodyBytes", () => {
  it("admits a burst at once, then each further megabyte at the budget's pace, first come first served", async () => {
    expect(BURST_BYTES).toBe(4 * MB);
    expect(BYTES_PER_SECOND).toBe(8 * MB);
    await admitBodyBytes(4 * MB);
    const first = admitBodyBytes(1 * MB);
    const second = admitBodyBytes(1 * MB);
    expect(await settled(first)).toBe(false);
    await vi.advanceTimersByTimeAsync(124);
    expect(await settled(first)).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(await settled(first)).toBe(true);
    // The second megabyte's turn comes after the first's.
    expect(await settled(second)).toBe(false);
    await vi.advanceTimersByTimeAsync(125);
    expect(await settled(second)).toBe(true);
  });

  it("refuses with 503 and Retry-After a body that would wait past the limit, and admits nothing for it", async () => {
    // 9.5 s of budget queued up by nineteen clients, beyond the burst.
    await admitBodyBytes(BURST_BYTES);
    const queued = Array.from({ length: 19 }, (_, i) => admitBodyBytes(4 * MB, undefined, `198.51.100.${i}`));
    await expect(admitBodyBytes(5 * MB, undefined, "203.0.113.1")).rejects.toMatchObject({ status: 503, code: "unavailable", retryAfter: 11 });
    // The refused body took no budget: a smaller one still fits within the limit.
    const small = admitBodyBytes(MB / 2, undefined, "203.0.113.2");
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS);
    expect(await settled(small)).toBe(true);
    await Promise.all(queued);
  });

  it("lets no client have more than its share waiting: its next body is a 503, another client's still queues", async () => {
    await admitBodyBytes(BURST_BYTES, undefined, "198.51.100.1");
    const waiting = Array.from({ length: MAX_CLIENT_QUEUED_BYTES / MB }, () => admitBodyBytes(MB, undefined, "198.51.100.1"));
    await expect(admitBodyBytes(MB, undefined, "198.51.100.1")).rejects.toMatchObject({ status: 503, message: expect.stringMatching(/this client/) });
    const other = admitBodyBytes(MB, undefined, "203.0.113.7");
    await vi.advanceTimersByTimeAsync(1_200);
    expect(await settled(other)).toBe(true);
    await Promise.all(waiting);
    // Its turns done, the first client may queue again.
    const again = admitBodyBytes(MB, undefined, "198.51.100.1");
    await vi.advanceTimersByTimeAsync(200);
    expect(await settled(again)).toBe(true);
  });

  it("stops waiting when the client goes away", async () => {
    await admitBodyBytes(BURST_BYTES);
    const gone = new AbortController();
    const waiting = admitBodyBytes(MB, gone.signal);
    gone.abort(new Error("client closed"));
    await expect(waiting).rejects.toThrow("client closed");
  });

  it("lets unused budget accrue only up to the burst", async () => {
    await admitBodyBytes(BURST_BYTES);
    // A long quiet spell banks no more than the burst.
    await vi.advanceTimersByTimeAsync(60_000);
    await admitBodyBytes(BURST_BYTES);
    expect(await settled(admitBodyBytes(MB))).toBe(false);
  });
});

describe("readBodyText under the budget", () => {
  const pulled = { bytes: 0 };
  const upload = (bytes: number, headers: Record<string, string> = {}) => {
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (sent >= bytes) return controller.close();
          sent += chunk.byteLength;
          pulled.bytes += chunk.byteLength;
          controller.enqueue(chunk);
        },
      },
      { highWaterMark: 0 },
    );
    return new Request("http://x/api/chat", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  };

  it("reads an ordinary body without waiting, and a large one past the burst at the budget's pace", async () => {
    const { readBodyText } = await import("./read-json-body");
    expect(await readBodyText(upload(60 * 1024), 8 * MB)).toHaveLength(64 * 1024);
    // 6 MB: 4 MB of burst, the rest at 8 MB/s (about a quarter of a second).
    const large = readBodyText(upload(6 * MB), 8 * MB);
    expect(await settled(large)).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(await settled(large)).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(await settled(large)).toBe(true);
    expect(await large).toHaveLength(6 * MB);
  });

  it("admits a body with a declared length whole, before reading any of it, in one turn", async () => {
    const { readBodyText } = await import("./read-json-body");
    await admitBodyBytes(BURST_BYTES);
    pulled.bytes = 0;
    const declared = 2 * MB;
    const large = readBodyText(upload(declared, { "content-length": String(declared) }), 8 * MB);
    await vi.advanceTimersByTimeAsync(200);
    // Its turn (about 242 ms for 2 MB less the free 64 KB) has not come: nothing was read.
    expect(pulled.bytes).toBe(0);
    expect(await settled(large)).toBe(false);
    await vi.advanceTimersByTimeAsync(50);
    expect(await settled(large)).toBe(true);
    expect(await large).toHaveLength(declared);
  });

  it("answers a client that went away while it waited with a quiet 499, not an error", async () => {
    const { readBodyText } = await import("./read-json-body");
    await admitBodyBytes(BURST_BYTES);
    const gone = new AbortController();
    const request = new Request(upload(MB), { signal: gone.signal });
    const reading = readBodyText(request, 8 * MB);
    gone.abort();
    await expect(reading).rejects.toMatchObject({ status: 499, code: "cancelled" });
  });
});
