/**
 * The part every HTTP provider shares, whatever its dialect: POST the body, give up when the
 * upstream goes quiet (idle watchdog), read the body and decode each network read into one
 * batch, turn HTTP failures, drops and aborts into exactly one terminal event, and redact
 * secrets from whatever the upstream said. A dialect brings its decoder and its error reading.
 *
 * The hot path is one pass: each network read is decoded where it arrives and queued as one
 * batch, so a read that carries many tokens costs one write downstream, and no await here.
 */
import { errorEvent } from "../chat/errors";
import type { ErrorEvent, EventBatch, StreamEvent } from "../chat/events";
import { createRedactor, type Redact } from "../redact";
import type { Readable } from "node:stream";
import { batchQueue } from "./batch-queue";
import { idleWatchdog } from "./idle-watchdog";
import type { StreamOptions } from "./types";
import type { Transport, UpstreamResponse } from "./upstream-transport";

/** How long a body may go on after the reply's end before its connection is cut rather than reused. */
const DRAIN_AFTER_DONE_MS = 1000;

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
 * throws. `leading` events (the provider's warnings) come first. What the upstream said may echo
 * a secret: errors are terminal, so only a batch's last event can be one, and that is where
 * redaction looks.
 *
 * The body is read from its `data` events and each read is decoded on the spot into the batch
 * queue: no promise per read, and a consumer that fell behind takes all waiting reads as one batch.
 */
export function streamUpstream(call: UpstreamCall, { signal, batchIntervalMs = 0 }: StreamOptions, leading: readonly StreamEvent[] = []): AsyncIterableIterator<EventBatch> {
  const { dialect, idleTimeoutMs, redact } = call;
  const safe = (batch: StreamEvent[]): StreamEvent[] => {
    const last = batch[batch.length - 1];
    if (last?.type === "error") batch[batch.length - 1] = { ...last, message: redact(last.message) };
    return batch;
  };
  return batchQueue((sink) => {
    const idle = idleWatchdog(idleTimeoutMs);
    const cancelled = new AbortController();
    const combined = AbortSignal.any([signal, idle.signal, cancelled.signal]);
    let body: Readable | undefined;
    let ended = false;
    // Why the stream broke, once it has: our caller left, the upstream went quiet, or the network.
    const failure = (dropped: StreamEvent): StreamEvent =>
      signal.aborted
        ? { type: "finish", reason: "abort" }
        : idle.signal.aborted
          ? errorEvent("timeout", `no data for ${Math.round(idleTimeoutMs / 1000)} s`)
          : dropped;
    /**
     * The reply's last events, ending in its one terminal event. When the upstream ended the
     * reply itself (its [DONE] or finish, or an error it sent), its body may run on to its end (a
     * moment later: the HTTP chunk that closes it), so the connection goes back to the keep-alive
     * pool; a broken stream, or a body that goes on past that moment, is cut.
     */
    const end = (events: StreamEvent[], finished = false) => {
      if (ended) return;
      ended = true;
      idle.clear();
      sink.push(safe(events));
      sink.close();
      if (!body || body.readableEnded) return;
      if (!finished) return void body.destroy();
      const stream = body.resume();
      const cut = setTimeout(() => stream.destroy(), DRAIN_AFTER_DONE_MS).unref();
      stream.once("close", () => clearTimeout(cut));
    };

    if (leading.length) sink.push(leading);
    void (async () => {
      let response: UpstreamResponse;
      try {
        response = await call.send(call.url, { method: "POST", headers: call.headers, body: call.body, signal: combined });
      } catch (cause) {
        return end([failure(errorEvent("upstream_unreachable", describeNetworkError(cause)))]);
      }
      if (ended) return void response.body().destroy();
      idle.touch();
      try {
        if (response.status < 200 || response.status > 299) {
          const text = await response.text().catch(() => "");
          return end([dialect.httpFailure({ status: response.status, body: text, retryAfterHeader: response.header("retry-after") })]);
        }
        if (!(response.header("content-type") ?? "").includes("text/event-stream")) {
          // Some gateways answer a stream request with one JSON body (often an error with status 200).
          return end(dialect.decodeJson(await response.text()));
        }
      } catch (cause) {
        return end([failure(errorEvent("connection_dropped", describeNetworkError(cause)))]);
      }
      // Node's own UTF-8 stream decoding (a character split across reads stays whole).
      const stream = (body = response.body()).setEncoding("utf8");
      const decoder = dialect.createDecoder();
      stream.on("data", (text: string) => {
        if (ended) return;
        idle.touch();
        let batch: StreamEvent[];
        try {
          batch = decoder.push(text);
        } catch (cause) {
          return end([errorEvent("upstream_error", (cause as Error).message)]);
        }
        if (decoder.done) return end(batch, true);
        if (batch.length && !sink.push(batch)) {
          stream.pause();
          idle.hold();
        }
      });
      // An end after our abort (the client left, the upstream went quiet) is Node discarding the
      // body, not the upstream's end of the reply.
      stream.on("end", () => end(signal.aborted || idle.signal.aborted ? [failure(errorEvent("connection_dropped"))] : decoder.end()));
      stream.on("error", (cause) => end([failure(errorEvent("connection_dropped", describeNetworkError(cause)))]));
      // Closed without an end or an error (a socket cut under a fetch body, say) is a drop too.
      stream.on("close", () => end([failure(errorEvent("connection_dropped"))]));
    })();
    return {
      resume() {
        idle.release();
        body?.resume();
      },
      cancel() {
        // The consumer left (done, failed, or the client went away): close the upstream connection.
        ended = true;
        idle.clear();
        cancelled.abort();
        body?.destroy();
      },
    };
  }, { minIntervalMs: batchIntervalMs });
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
