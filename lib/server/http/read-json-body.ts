import "server-only";
import type { z } from "zod";
import { AppError, invalidRequest } from "../../errors";
import { admitBodyBytes, FREE_BYTES } from "./body-budget";
import { clientKey } from "./client-address";

const number = new Intl.NumberFormat("en", { maximumFractionDigits: 2, useGrouping: false });

/** "10 KB", "2 MB", "1.05 MB": decimal units, exact enough that the limit it names is the real one. */
export function formatBytes(bytes: number): string {
  // "KB" as the rest of the app writes it (Intl's unit style would print "kB").
  if (bytes >= 1_000_000) return `${number.format(bytes / 1_000_000)} MB`;
  if (bytes >= 1_000) return `${number.format(bytes / 1_000)} KB`;
  return `${bytes} bytes`;
}

const clientGone = () => new AppError(499, "cancelled", "The client went away before its request was read.");

const tooLarge = (maxBytes: number) => new AppError(413, "too_large", `Request body is larger than ${formatBytes(maxBytes)}.`);

/** How long, and how much, an upload refused with 413 is still read (and dropped) before it is cancelled. */
export const LINGER_MS = 2_000;
export const LINGER_BYTES = 16_000_000;

/**
 * Cancelling the body of a Node request destroys its socket. Done at once, while the client is
 * still sending, the client gets a connection reset and never sees the 413. So, like nginx's
 * lingering close, keep reading and dropping for a moment (nothing is kept: memory stays flat),
 * then cancel. A client that stalls is cancelled by the timer.
 */
function lingerThenCancel(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  const cancel = () => void reader.cancel().catch(() => {});
  const timer = setTimeout(cancel, LINGER_MS);
  void (async () => {
    let dropped = 0;
    try {
      while (dropped <= LINGER_BYTES) {
        const { done, value } = await reader.read();
        if (done) break;
        dropped += value.byteLength;
      }
    } catch {
      // The client went away: nothing left to do.
    } finally {
      clearTimeout(timer);
      cancel();
    }
  })();
}

/**
 * Reads the body as UTF-8 text, holding at most `maxBytes` in memory: a declared Content-Length
 * over the limit is refused before reading, and a chunked body (no Content-Length) is refused as
 * soon as it passes the limit; the rest of the upload is never kept (see lingerThenCancel).
 * Past its first FREE_BYTES a body is read at the pace of the process's budget for large bodies
 * (./body-budget.ts), so a flood of them cannot take the event loop. Throws AppError 413 (or 503).
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";

  const reader = request.body.getReader();
  /** Waits for the large-body budget; on a refusal (503) the upload is dropped as for a 413. */
  let client: string | undefined;
  const admit = async (bytes: number) => {
    try {
      await admitBodyBytes(bytes, request.signal, (client ??= clientKey(request)));
    } catch (error) {
      if (!(error instanceof AppError)) {
        void reader.cancel().catch(() => {});
        throw clientGone();
      }
      lingerThenCancel(reader);
      throw error;
    }
  };
  // Bytes past the free allowance already admitted. A declared length is admitted whole, before
  // reading: one turn in the queue, not one per chunk, and never a body half read then refused.
  let paid = 0;
  if (declared > FREE_BYTES) {
    await admit(declared - FREE_BYTES);
    paid = declared - FREE_BYTES;
  }
  const decoder = new TextDecoder("utf-8");
  let received = 0;
  let text = "";
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      if (request.signal.aborted) throw clientGone();
      throw error;
    }
    const { done, value } = chunk;
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      // Not awaited: the 413 goes out now, while the rest of the upload is dropped, then cancelled.
      lingerThenCancel(reader);
      throw tooLarge(maxBytes);
    }
    // A chunked body (no length declared) is admitted as it arrives.
    const owed = Math.max(0, received - FREE_BYTES) - paid;
    if (owed > 0) {
      await admit(owed);
      paid += owed;
    }
    // stream: true keeps a multi-byte character split across chunks whole.
    text += decoder.decode(value, { stream: true });
    // The declared length has arrived: the body is whole, without waiting a turn for its end.
    // (No length declared: only the stream's end says so, even after an empty first chunk.)
    if (declared > 0 && received === declared) break;
  }
  return text + decoder.decode();
}

/** Reads a JSON body (byte-capped, see readBodyText) and validates it; throws AppError 413/400 naming every bad field. */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S, maxBytes: number): Promise<z.infer<S>> {
  const text = await readBodyText(request, maxBytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidRequest([{ field: "", message: "body is not valid JSON" }]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw invalidRequest(parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })));
  }
  return parsed.data;
}
