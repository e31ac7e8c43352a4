/**
 * Browser side of /api/chat: POSTs the request and yields the server's StreamEvents, one array
 * per network read, so the store applies everything a read delivered in one step. Free of React.
 * Always ends with exactly one finish or error, and nothing after it.
 */
import { createParser } from "eventsource-parser";
import type { ChatMessage, RequestOptions } from "../chat/request";
import type { SamplingParams } from "../params";
import { isTerminal, type StreamEvent } from "../chat/events";
import type { ErrorCode } from "../chat/events";

export interface ChatRequestBody {
  systemMessage: string;
  messages: ChatMessage[];
  params: SamplingParams;
  /** Tools, response format, log-probabilities: the same options /api/chat validates (lib/chat/schema.ts). */
  options?: RequestOptions;
  model?: string;
}

const networkError = (signal: AbortSignal): StreamEvent =>
  signal.aborted
    ? { type: "finish", reason: "abort" }
    : { type: "error", code: "network_error", message: "Could not reach the playground server. Check your connection." };

const droppedOrStopped = (signal: AbortSignal): StreamEvent =>
  signal.aborted
    ? { type: "finish", reason: "abort" }
    : { type: "error", code: "connection_dropped", message: "The connection to the playground server dropped before the reply finished." };

export function streamChat(body: ChatRequestBody, signal: AbortSignal, endpoint = "/api/chat"): AsyncGenerator<StreamEvent[]> {
  return streamEvents(endpoint, body, signal);
}

/** POSTs `body` as JSON to any route that answers with this app's SSE events (/api/chat, a share's reproduce). */
export async function* streamEvents(endpoint: string, body: unknown, signal: AbortSignal): AsyncGenerator<StreamEvent[]> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify(body),
      signal,
    });
  } catch {
    yield [networkError(signal)];
    return;
  }

  if (!response.ok || !response.body) {
    yield [await errorFromResponse(response)];
    return;
  }

  let batch: StreamEvent[] = [];
  let ended = false;
  const parser = createParser({
    onEvent(message) {
      if (ended) return;
      let event: StreamEvent;
      try {
        event = JSON.parse(message.data) as StreamEvent;
      } catch {
        event = { type: "error", code: "malformed_stream", message: "The playground server sent a reply this page could not read." };
      }
      batch.push(event);
      ended = isTerminal(event);
    },
  });
  const take = () => {
    const taken = batch;
    batch = [];
    return taken;
  };

  const reader = response.body.getReader();
  // One decoder across reads: a UTF-8 sequence may be split between two of them.
  const decoder = new TextDecoder();
  try {
    while (!ended) {
      const { done, value } = await reader.read();
      parser.feed(done ? decoder.decode() : decoder.decode(value, { stream: true }));
      if (batch.length) yield take();
      if (done) break;
    }
  } catch {
    // A failed read: the events parsed before it still count.
    if (batch.length) yield take();
  } finally {
    reader.cancel().catch(() => {});
  }
  if (!ended) yield [droppedOrStopped(signal)];
}

async function errorFromResponse(response: Response): Promise<StreamEvent> {
  const json = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  const retryAfter = Number(response.headers.get("retry-after"));
  return {
    type: "error",
    code: (json?.error?.code as ErrorCode | undefined) ?? "upstream_error",
    message: json?.error?.message ?? `The playground server answered HTTP ${response.status}.`,
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfter } : {}),
  };
}
