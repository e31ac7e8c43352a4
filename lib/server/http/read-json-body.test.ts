/**
 * The byte-capped body reader: a declared or undeclared (chunked) body over the limit is refused
 * with 413 after at most the limit has been read, and the rest of the upload is never pulled.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../../errors";
import { LINGER_BYTES, LINGER_MS, readBodyText, readJsonBody } from "./read-json-body";

/** A chunked upload of `total` bytes (finite, so a reader without a cap fails the test rather than the machine) that counts what the reader pulled and whether it was cancelled. */
function endlessUpload(chunkBytes: number, total = 20_000_000, headers: Record<string, string> = {}) {
  const seen = { pulledBytes: 0, cancelled: false };
  const chunk = new Uint8Array(chunkBytes).fill(0x61);
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (seen.pulledBytes >= total) return controller.close();
        seen.pulledBytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  // Without a Content-Length header the request is chunked, as curl -T - or a streaming fetch sends it.
  const request = new Request("http://x/api/shares", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return { request, seen };
}

const tooLarge = (message: string) => expect.objectContaining({ status: 413, code: "too_large", message });

describe("readBodyText", () => {
  it("returns a body once its declared length has arrived, without waiting a turn for the stream's end", async () => {
    const bytes = new TextEncoder().encode('{"messages":[]}');
    // The bytes, then an end that never comes: a reader that waits for it never returns.
    const body = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(bytes) });
    const request = new Request("http://x/api/chat", { method: "POST", body, headers: { "Content-Length": String(bytes.byteLength) }, duplex: "half" } as RequestInit);
    const read = readBodyText(request, 1000);
    const outcome = await Promise.race([read, new Promise((resolve) => setTimeout(() => resolve("still waiting for the end"), 500))]);
    expect(outcome).toBe('{"messages":[]}');
  });

  it("reads a body with no declared length to its end, even when its first chunk is empty", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(0));
        controller.enqueue(new TextEncoder().encode('{"messages":[]}'));
        controller.close();
      },
    });
    const request = new Request("http://x/api/chat", { method: "POST", body, duplex: "half" } as RequestInit);
    expect(await readBodyText(request, 1000)).toBe('{"messages":[]}');
  });

  it("refuses a chunked body over the limit with 413 as soon as it passes the limit, holding no more than the limit", async () => {
    const { request, seen } = endlessUpload(64 * 1024);
    // What had been pulled when the refusal came (the drop-and-cancel that follows keeps pulling).
    const pulledAtRefusal = readBodyText(request, 2_000_000).then(
      () => "accepted" as const,
      (error: unknown) => ({ error, pulled: seen.pulledBytes }),
    );
    const refusal = await pulledAtRefusal;
    if (refusal === "accepted") throw new Error("a 20 MB body was accepted under a 2 MB limit");
    expect(refusal.error).toBeInstanceOf(AppError);
    expect(refusal.error).toEqual(tooLarge("Request body is larger than 2 MB."));
    // Refused right after the limit, not at the end of the 20 MB upload.
    expect(refusal.pulled).toBeLessThanOrEqual(2_000_000 + 4 * 64 * 1024);
  });

  it("after the 413, drops what is still arriving for a moment (so the client can read the answer), then cancels the upload", async () => {
    const { request, seen } = endlessUpload(64 * 1024, Infinity);
    await expect(readBodyText(request, 10_000)).rejects.toEqual(tooLarge("Request body is larger than 10 KB."));
    await expect.poll(() => seen.cancelled, { timeout: LINGER_MS + 1_000 }).toBe(true);
    // Bounded: the endless upload was dropped after at most LINGER_BYTES more, never kept.
    expect(seen.pulledBytes).toBeLessThanOrEqual(10_000 + LINGER_BYTES + 2 * 64 * 1024);
  });

  it("cancels a stalled upload after the linger time", async () => {
    let cancelled = false;
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(20_000));
      },
      cancel() {
        cancelled = true;
      },
    });
    const request = new Request("http://x", { method: "POST", body: stalled, duplex: "half" } as RequestInit);
    await expect(readBodyText(request, 10_000)).rejects.toMatchObject({ status: 413 });
    expect(cancelled).toBe(false);
    await expect.poll(() => cancelled, { timeout: LINGER_MS + 1_000 }).toBe(true);
  });

  it("refuses a declared Content-Length over the limit without reading anything", async () => {
    const { request, seen } = endlessUpload(1024, 20_000, { "content-length": "20000" });
    await expect(readBodyText(request, 10_000)).rejects.toEqual(tooLarge("Request body is larger than 10 KB."));
    expect(seen.pulledBytes).toBe(0);
  });

  it("reads a chunked body at the limit exactly, decoding UTF-8 split across chunks", async () => {
    const text = "café ⚛️ 量子".repeat(100);
    const bytes = new TextEncoder().encode(text);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
        controller.close();
      },
    });
    const request = new Request("http://x", { method: "POST", body, duplex: "half" } as RequestInit);
    expect(await readBodyText(request, bytes.length)).toBe(text);
  });

  it("counts bytes, not characters", async () => {
    const request = new Request("http://x", { method: "POST", body: "é".repeat(6_000) }); // 12,000 bytes
    await expect(readBodyText(request, 10_000)).rejects.toEqual(tooLarge("Request body is larger than 10 KB."));
  });

  it("names limits that are not whole megabytes exactly", async () => {
    const request = new Request("http://x", { method: "POST", body: "x".repeat(1_100_000) });
    await expect(readBodyText(request, 1_048_576)).rejects.toEqual(tooLarge("Request body is larger than 1.05 MB."));
  });

  it("reads an empty or absent body as empty text", async () => {
    expect(await readBodyText(new Request("http://x", { method: "POST" }), 10)).toBe("");
  });
});

describe("readJsonBody", () => {
  const Schema = z.strictObject({ name: z.string({ error: "name must be a string" }) });

  it("parses and validates within the limit", async () => {
    const request = new Request("http://x", { method: "POST", body: JSON.stringify({ name: "Mixtral" }) });
    expect(await readJsonBody(request, Schema, 1000)).toEqual({ name: "Mixtral" });
  });

  it("refuses a chunked JSON body over the limit before parsing it", async () => {
    const { request, seen } = endlessUpload(4096);
    const pulledAtRefusal = readJsonBody(request, Schema, 10_000).catch((error: unknown) => ({ error, pulled: seen.pulledBytes }));
    expect(await pulledAtRefusal).toEqual({ error: tooLarge("Request body is larger than 10 KB."), pulled: expect.any(Number) });
    expect((await pulledAtRefusal as { pulled: number }).pulled).toBeLessThan(20_000_000);
  });

  it("names the bad field", async () => {
    const request = new Request("http://x", { method: "POST", body: JSON.stringify({ name: 3 }) });
    await expect(readJsonBody(request, Schema, 1000)).rejects.toMatchObject({ status: 400, message: "Invalid request: name: name must be a string" });
  });
});
