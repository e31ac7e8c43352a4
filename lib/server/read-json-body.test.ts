/**
 * The byte-capped body reader: a declared or undeclared (chunked) body over the limit is refused
 * with 413 after at most the limit has been read, and the rest of the upload is never pulled.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../errors";
import { readBodyText, readJsonBody } from "./read-json-body";

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
  it("refuses a chunked body over the limit with 413, reading no more than the limit plus one chunk, and cancels the upload", async () => {
    const { request, seen } = endlessUpload(64 * 1024);
    const attempt = readBodyText(request, 2_000_000);
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toEqual(tooLarge("Request body is larger than 2 MB."));
    expect(seen.pulledBytes).toBeLessThanOrEqual(2_000_000 + 2 * 64 * 1024);
    expect(seen.cancelled).toBe(true);
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
    await expect(readJsonBody(request, Schema, 10_000)).rejects.toEqual(tooLarge("Request body is larger than 10 KB."));
    expect(seen.cancelled).toBe(true);
  });

  it("names the bad field", async () => {
    const request = new Request("http://x", { method: "POST", body: JSON.stringify({ name: 3 }) });
    await expect(readJsonBody(request, Schema, 1000)).rejects.toMatchObject({ status: 400, message: "Invalid request: name: name must be a string" });
  });
});
