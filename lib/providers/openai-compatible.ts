/**
 * Streams chat completions from any OpenAI-compatible server (ModelsLab v7, Ollama, llama.cpp
 * server, vLLM, OpenRouter, Mistral...). ModelsLab is a preset of this, not a copy. This file is
 * the transport (fetch, idle timeout, abort); the dialect (body, decoding, errors) lives in
 * lib/dialects/openai.
 *
 * The hot path is one pass: each network read is decoded and handed on as one batch, so a read
 * that carries many tokens costs one await here and one write downstream.
 */
import { fitToCapabilities, type ProviderCapabilities } from "../chat/capabilities";
import { errorEvent } from "../chat/errors";
import type { EventBatch, StreamEvent } from "../chat/events";
import type { ChatRequest } from "../chat/request";
import { createOpenAiStreamDecoder, decodeOpenAiJson } from "../dialects/openai/decode";
import { httpFailureEvent } from "../dialects/openai/errors";
import { upstreamChatBody } from "../dialects/openai/request";
import { idleWatchdog } from "./idle-watchdog";
import { createRedactor, type Redact } from "../redact";
import type { ChatProvider, FetchLike, ProviderInfo } from "./types";
import { fetchTransport, nodeHttpTransport, type Transport, type UpstreamResponse } from "./upstream-transport";

export interface OpenAICompatibleConfig {
  info: Omit<ProviderInfo, "capabilities">;
  capabilities: ProviderCapabilities;
  baseUrl: string;
  apiKey?: string;
  /** ModelsLab's page shows the key and model id inside the JSON body; some accounts need that form. */
  keyInBody?: boolean;
  /** Some servers name a field differently (Mistral: seed → random_seed). */
  renameFields?: Record<string, string>;
  /** Abort when the upstream sends nothing for this long (first byte or between chunks). */
  idleTimeoutMs: number;
  /** Where the model list lives under the base URL; OpenAI's is /models. */
  modelsPath?: string;
  fetch?: FetchLike;
  /** Takes configured secrets out of what the upstream says before it goes anywhere. */
  redact?: Redact;
}

/** What View code and the tests send: exactly the provider's body. */
export function buildChatBody(config: OpenAICompatibleConfig, request: ChatRequest): Record<string, unknown> {
  return bodyFor(config, fitToCapabilities(request, config.capabilities, config.info.label).request);
}

/** The body for a request already fitted to the upstream's capabilities. */
function bodyFor(config: OpenAICompatibleConfig, fitted: ChatRequest): Record<string, unknown> {
  return upstreamChatBody(fitted, fitted.model ?? config.info.model, {
    renameFields: config.renameFields,
    keyInBody: config.keyInBody ? config.apiKey : undefined,
  });
}

export function createOpenAICompatibleProvider(config: OpenAICompatibleConfig): ChatProvider {
  const send: Transport = config.fetch ? fetchTransport(config.fetch) : nodeHttpTransport;
  const base = config.baseUrl.replace(/\/+$/, "");
  const authorization: Record<string, string> = config.apiKey ? { Authorization: `Bearer ${config.apiKey}` } : {};
  const info: ProviderInfo = { ...config.info, capabilities: config.capabilities };
  // The provider's own key is always a secret, whatever else the caller configured.
  const ownKey = createRedactor([config.apiKey]);
  const redact: Redact = (text) => ownKey(config.redact ? config.redact(text) : text);

  /** What the upstream said may echo a secret: errors are terminal, so only a batch's last event can be one. */
  const safe = (batch: StreamEvent[]): StreamEvent[] => {
    const last = batch[batch.length - 1];
    if (last?.type === "error") batch[batch.length - 1] = { ...last, message: redact(last.message) };
    return batch;
  };

  async function* stream(request: ChatRequest, { signal }: { signal: AbortSignal }): AsyncGenerator<EventBatch> {
    const { request: fitted, warnings } = fitToCapabilities(request, config.capabilities, config.info.label);
    if (warnings.length) yield [{ type: "warnings", warnings }];

    const idle = idleWatchdog(config.idleTimeoutMs);
    const combined = AbortSignal.any([signal, idle.signal]);
    // Why the stream broke, once it has: our caller left, the upstream went quiet, or the network.
    const failure = (dropped: StreamEvent): StreamEvent =>
      signal.aborted
        ? { type: "finish", reason: "abort" }
        : idle.signal.aborted
          ? errorEvent("timeout", `no data for ${Math.round(config.idleTimeoutMs / 1000)} s`)
          : dropped;

    try {
      let response: UpstreamResponse;
      try {
        response = await send(`${base}/chat/completions`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "text/event-stream", ...authorization },
          body: JSON.stringify(bodyFor(config, fitted)),
          signal: combined,
        });
      } catch (cause) {
        yield safe([failure(errorEvent("upstream_unreachable", describeNetworkError(cause)))]);
        return;
      }
      idle.touch();

      if (response.status < 200 || response.status > 299) {
        const body = await response.text().catch(() => "");
        yield safe([httpFailureEvent({ status: response.status, body, retryAfterHeader: response.header("retry-after") })]);
        return;
      }
      if (!(response.header("content-type") ?? "").includes("text/event-stream")) {
        // Some gateways answer a stream request with one JSON body (often an error with status 200).
        yield safe(decodeOpenAiJson(await response.text()));
        return;
      }

      const reader = response.body()[Symbol.asyncIterator]();
      const text = new TextDecoder();
      const decoder = createOpenAiStreamDecoder();
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

  async function listModels(signal: AbortSignal): Promise<string[]> {
    let response: UpstreamResponse;
    try {
      response = await send(`${base}${config.modelsPath ?? "/models"}`, {
        method: "GET",
        headers: { Accept: "application/json", ...authorization },
        signal,
      });
    } catch (cause) {
      throw new Error(redact(errorEvent("upstream_unreachable", describeNetworkError(cause)).message));
    }
    const body = await response.text();
    if (response.status < 200 || response.status > 299) {
      throw new Error(redact(httpFailureEvent({ status: response.status, body, retryAfterHeader: response.header("retry-after") }).message));
    }
    let parsed: { data?: { id?: unknown }[] } = {};
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      /* reported below */
    }
    const ids = parsed.data?.map((m) => m.id).filter((id): id is string => typeof id === "string");
    if (!ids) throw new Error("The upstream's model list has no data array.");
    return ids;
  }

  return { info, stream, listModels };
}

function describeNetworkError(cause: unknown): string | undefined {
  if (!(cause instanceof Error)) return undefined;
  // fetch wraps the system error in `cause`; node:http raises it directly.
  const code = (cause as { cause?: { code?: string } }).cause?.code ?? (cause as { code?: string }).code;
  return code && code !== "ABORT_ERR" ? code : cause.name === "AbortError" ? undefined : cause.message;
}
