import "server-only";
import type { z } from "zod";
import { AppError, invalidRequest } from "../errors";

const number = new Intl.NumberFormat("en", { maximumFractionDigits: 2, useGrouping: false });

/** "10 KB", "2 MB", "1.05 MB": decimal units, exact enough that the limit it names is the real one. */
export function formatBytes(bytes: number): string {
  // "KB" as the rest of the app writes it (Intl's unit style would print "kB").
  if (bytes >= 1_000_000) return `${number.format(bytes / 1_000_000)} MB`;
  if (bytes >= 1_000) return `${number.format(bytes / 1_000)} KB`;
  return `${bytes} bytes`;
}

const tooLarge = (maxBytes: number) => new AppError(413, "too_large", `Request body is larger than ${formatBytes(maxBytes)}.`);

/**
 * Reads the body as UTF-8 text, holding at most `maxBytes` in memory: a declared Content-Length
 * over the limit is refused before reading, and a chunked body (no Content-Length) is cancelled
 * as soon as it passes the limit, so the rest of the upload is never pulled. Throws AppError 413.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";

  const reader = request.body.getReader();
  const decoder = new TextDecoder("utf-8");
  let received = 0;
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        // Not awaited: an upload that will not stop must not hold up the answer.
        reader.cancel().catch(() => {});
        throw tooLarge(maxBytes);
      }
      // stream: true keeps a multi-byte character split across chunks whole.
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    reader.releaseLock();
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
