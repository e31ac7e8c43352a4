/**
 * Streams chat completions from any OpenAI-compatible server (ModelsLab v7, Ollama, llama.cpp
 * server, vLLM, OpenRouter, Mistral...). ModelsLab is a preset of this, not a copy. The stream
 * loop (transport, idle timeout, abort, redaction; one batch per network read) is shared with the
 * Anthropic-compatible provider in ./upstream-stream; the dialect (body, decoding, errors) lives
 * in lib/dialects/openai.
 */
import { fitToCapabilities, type ProviderCapabilities } from "../chat/capabilities";
import type { EventBatch } from "../chat/events";
import type { ChatRequest } from "../chat/request";
import { createOpenAiStreamDecoder, decodeOpenAiJson } from "../dialects/openai/decode";
import { httpFailureEvent } from "../dialects/openai/errors";
import { upstreamChatBody } from "../dialects/openai/request";
import type { Redact } from "../redact";
import type { ChatProvider, FetchLike, ProviderInfo, StreamOptions } from "./types";
import { modelIdsOf, providerRedactor, requestUpstreamJson, streamUpstream, type WireDialect } from "./upstream-stream";
import { fetchTransport, nodeHttpTransport, type Transport } from "./upstream-transport";

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

/** The OpenAI dialect's reading of the wire, for the shared stream loop. */
const OPENAI_WIRE: WireDialect = { createDecoder: createOpenAiStreamDecoder, decodeJson: decodeOpenAiJson, httpFailure: httpFailureEvent };

export function createOpenAICompatibleProvider(config: OpenAICompatibleConfig): ChatProvider {
  const send: Transport = config.fetch ? fetchTransport(config.fetch) : nodeHttpTransport;
  const base = config.baseUrl.replace(/\/+$/, "");
  const authorization: Record<string, string> = config.apiKey ? { Authorization: `Bearer ${config.apiKey}` } : {};
  const info: ProviderInfo = { ...config.info, capabilities: config.capabilities };
  const redact = providerRedactor(config.apiKey, config.redact);

  function stream(request: ChatRequest, options: StreamOptions): AsyncIterableIterator<EventBatch> {
    const { request: fitted, warnings } = fitToCapabilities(request, config.capabilities, config.info.label);
    return streamUpstream(
      {
        send,
        url: `${base}/chat/completions`,
        headers: { "Content-Type": "application/json", Accept: "text/event-stream", ...authorization },
        body: JSON.stringify(bodyFor(config, fitted)),
        idleTimeoutMs: config.idleTimeoutMs,
        dialect: OPENAI_WIRE,
        redact,
      },
      options,
      warnings.length ? [{ type: "warnings", warnings }] : [],
    );
  }

  async function listModels(signal: AbortSignal): Promise<string[]> {
    const parsed = await requestUpstreamJson({ send, url: `${base}${config.modelsPath ?? "/models"}`, headers: authorization, dialect: OPENAI_WIRE, redact }, signal);
    return modelIdsOf(parsed);
  }

  return { info, stream, listModels };
}
