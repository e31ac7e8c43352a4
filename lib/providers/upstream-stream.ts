/**
 * The part every HTTP provider shares, whatever its dialect: POST the body, give up when the
 * upstream goes quiet (idle watchdog), read the body and decode each network read into one
 * batch, turn HTTP failures, drops and aborts into exactly one terminal event, and redact
 * secrets from whatever the upstream said. A dialect brings its decoder and its error reading.
 *
 * The hot path is one pass: each network read is decoded and handed on as one batch, so a read
 * that carries many tokens costs one await here and one write downstream.
 */
import { errorEvent } from "../chat/errors";
import type { ErrorEvent, EventBatch, StreamEvent } from "../chat/events";
import { createRedactor, type Redact } from "../redact";
import { idleWatchdog } from "./idle-watchdog";
import type { Transport, UpstreamResponse } from "./upstream-transport";

/** A synchronous stream decoder (lib/dialects/X/decode.ts). */
export interface StreamDecoder {
  push(text: string): StreamEvent[];
  end(): StreamEvent[];
  readonly done: boolean;
}

export interface WireDialect {
  createDecoder(): StreamDecoder;
  /** A JSON body where a stream was asked for: a whole reply, or an error (often with status 200). */
  decodeJson(text: string): StreamEvent[];
  httpFailure(failure: { status: number; body: string; retryAfterHeader?: string | null }): ErrorEvent;
}

export interface UpstreamCall {
  send: Transport;
  url: string;
  headers: Record<string, string>;
  body: string;
  idleTimeoutMs: number;
  dialect: WireDialect;
  redact: Redact;
}

/** The provider's own key is always a secret, whatever else the caller configured. */
export function providerRedactor(apiKey: string | undefined, redact: Redact | undefined): Redact {
  const ownKey = createRedactor([apiKey]);
  return (text) => ownKey(redact ? redact(text) : text);
}

/**
 * Streams one upstream reply as batches; always ends with exactly one terminal event and never
 * throws. What the upstream said may echo a secret: errors are terminal, so only a batch's last
 * event can be one, and that is where redaction looks.
 */
export async function* streamUpstream(call: UpstreamCall, signal: AbortSignal): AsyncGenerator<EventBatch> {
  const { dialect, idleTimeoutMs, redact } = call;
  const safe = (batch: StreamEvent[]): StreamEvent[] => {
    const last = batch[batch.length - 1];
    if (last?.type === "error") batch[batch.length - 1] = { ...last, message: redact(last.message) };
    return batch;
  };
  const idle = idleWatchdog(idleTimeoutMs);
  const combined = AbortSignal.any([signal, idle.signal]);
  // Why the stream broke, once it has: our caller left, the upstream went quiet, or the network.
  const failure = (dropped: StreamEvent): StreamEvent =>
    signal.aborted
      ? { type: "finish", reason: "abort" }
      : idle.signal.aborted
        ? errorEvent("timeout", `no data for ${Math.round(idleTimeoutMs / 1000)} s`)
        : dropped;

  try {
    let response: UpstreamResponse;
    try {
      response = await call.send(call.url, { method: "POST", headers: call.headers, body: call.body, signal: combined });
    } catch (cause) {
      yield safe([failure(errorEvent("upstream_unreachable", describeNetworkError(cause)))]);
      return;
    }
    idle.touch();

    if (response.status < 200 || response.status > 299) {
      const body = await response.text().catch(() => "");
      yield safe([dialect.httpFailure({ status: response.status, body, retryAfterHeader: response.header("retry-after") })]);
      return;
    }
    if (!(response.header("content-type") ?? "").includes("text/event-stream")) {
      // Some gateways answer a stream request with one JSON body (often an error with status 200).
      yield safe(dialect.decodeJson(await response.text()));
      return;
    }

    const reader = response.body()[Symbol.asyncIterator]();
    const text = new TextDecoder();
    const decoder = dialect.createDecoder();
    try {
      while (!decoder.done) {
        let read: IteratorResult<Uint8Array>;
        try {
          read = await reader.next();
        } catch (cause) {
          yield safe([failure(errorEvent("connection_dropped", describeNetworkError(cause)))]);
          return;
        }
        if (read.done) {
          if (signal.aborted) yield [{ type: "finish", reason: "abort" }];
          else yield safe(decoder.end().map(failure));
          return;
        }
        idle.touch();
        const batch = decoder.push(text.decode(read.value, { stream: true }));
        if (batch.length) yield decoder.done ? safe(batch) : batch;
      }
    } finally {
      // Leaving early (done, failed, or the client went away) closes the upstream connection.
      void reader.return?.(undefined)?.catch(() => {});
    }
  } finally {
    idle.clear();
  }
}

/** GET a JSON body (a model list, say), or POST one (a token count); failures throw a readable, redacted Error. */
export async function requestUpstreamJson(
  call: Pick<UpstreamCall, "send" | "url" | "headers" | "redact"> & { dialect: Pick<WireDialect, "httpFailure">; body?: string },
  signal: AbortSignal,
): Promise<unknown> {
  let response: UpstreamResponse;
  try {
    response = await call.send(call.url, {
      method: call.body === undefined ? "GET" : "POST",
      headers: { Accept: "application/json", ...call.headers },
      ...(call.body === undefined ? {} : { body: call.body }),
      signal,
    });
  } catch (cause) {
    throw new Error(call.redact(errorEvent("upstream_unreachable", describeNetworkError(cause)).message));
  }
  const body = await response.text();
  if (response.status < 200 || response.status > 299) {
    throw new Error(call.redact(call.dialect.httpFailure({ status: response.status, body, retryAfterHeader: response.header("retry-after") }).message));
  }
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** The ids of `{data:[{id}]}`, the list shape of OpenAI's /models and of /v1/models (ModelsLab, Anthropic). */
export function modelIdsOf(parsed: unknown): string[] {
  const ids = (parsed as { data?: { id?: unknown }[] } | undefined)?.data?.map?.((m) => m.id).filter((id): id is string => typeof id === "string");
  if (!ids) throw new Error("The upstream's model list has no data array.");
  return ids;
}

export function describeNetworkError(cause: unknown): string | undefined {
  if (!(cause instanceof Error)) return undefined;
  // fetch wraps the system error in `cause`; node:http raises it directly.
  const code = (cause as { cause?: { code?: string } }).cause?.code ?? (cause as { code?: string }).code;
  return code && code !== "ABORT_ERR" ? code : cause.name === "AbortError" ? undefined : cause.message;
}
