/**
 * One reply, read whole, outside any conversation: what a test-case cell, a sample or a blind A/B
 * round needs. Streams through /api/chat like the chat (same limits, same errors) and resolves
 * with the text, usage and timings, or the error with its Retry-After; never throws. Text that
 * arrived before an error is kept in `partial`.
 */
import type { CellOutcome } from "../evals/run-scheduler";
import { streamChat, type ChatRequestBody } from "./chat-stream";

export type CollectedReply = CellOutcome & { finishReason?: string; partial?: string };

export async function collectReply(body: ChatRequestBody, signal: AbortSignal, now: () => number = () => performance.now()): Promise<CollectedReply> {
  const started = now();
  let firstTokenMs: number | undefined;
  let text = "";
  let usage: { promptTokens: number; completionTokens: number } | undefined;
  try {
    for await (const batch of streamChat(body, signal)) {
      for (const event of batch) {
        if (event.type === "text-delta" && (event.block ?? 0) === 0) {
          firstTokenMs ??= now() - started;
          text += event.text;
        } else if (event.type === "usage") {
          usage = { promptTokens: event.usage.promptTokens, completionTokens: event.usage.completionTokens };
        } else if (event.type === "finish") {
          if (event.reason === "abort") return { ok: false, code: "stopped", message: "Stopped.", partial: text };
          return { ok: true, text, ...(usage ? { usage } : {}), ...(firstTokenMs !== undefined ? { firstTokenMs } : {}), totalMs: now() - started, finishReason: event.reason };
        } else if (event.type === "error") {
          return { ok: false, code: event.code, message: event.message, ...(event.retryAfter ? { retryAfter: event.retryAfter } : {}), partial: text };
        }
      }
    }
  } catch (error) {
    return { ok: false, code: "network_error", message: (error as Error).message, partial: text };
  }
  // streamChat always ends with a finish or an error; this is for a generator that did not.
  return { ok: false, code: "connection_dropped", message: "The reply ended without a finish.", partial: text };
}
