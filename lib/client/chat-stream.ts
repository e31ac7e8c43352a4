/**
 * Browser side of /api/chat: POSTs the request and yields the server's StreamEvents.
 * Free of React; the store drives it. Always ends with exactly one finish or error.
 */
import type { ChatMessage } from "../chat/request";
import type { SamplingParams } from "../params";
import { isTerminal, type StreamEvent } from "../stream/events";
import { iterate, parseSse } from "../stream/sse";

export interface ChatRequestBody {
  systemMessage: string;
  messages: ChatMessage[];
  params: SamplingParams;
  model?: string;
}

export async function* streamChat(
  body: ChatRequestBody,
  signal: AbortSignal,
  endpoint = "/api/chat",
): AsyncGenerator<StreamEvent> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify(body),
      signal,
    });
  } catch {
    yield signal.aborted
      ? { type: "finish", reason: "abort" }
      : { type: "error", code: "network_error", message: "Could not reach the playground server. Check your connection." };
    return;
  }

  if (!response.ok || !response.body) {
    const json = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    const retryAfter = Number(response.headers.get("retry-after"));
    yield {
      type: "error",
      code: (json?.error?.code as Extract<StreamEvent, { type: "error" }>["code"]) ?? "upstream_error",
      message: json?.error?.message ?? `The playground server answered HTTP ${response.status}.`,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfter } : {}),
    };
    return;
  }

  try {
    for await (const message of iterate(parseSse(response.body))) {
      const event = JSON.parse(message.data) as StreamEvent;
      yield event;
      if (isTerminal(event)) return;
    }
  } catch {
    if (signal.aborted) {
      yield { type: "finish", reason: "abort" };
      return;
    }
  }
  yield signal.aborted
    ? { type: "finish", reason: "abort" }
    : { type: "error", code: "connection_dropped", message: "The connection to the playground server dropped before the reply finished." };
}
