/**
 * Streams replies from a server that speaks Anthropic's Messages API (`POST <base>/v1/messages`,
 * key in `x-api-key`, `anthropic-version` header): any Anthropic-compatible endpoint, and
 * ModelsLab's `…/api/v7/llm/v1/messages` when MODELSLAB_DIALECT=anthropic. The stream loop is the
 * one the OpenAI-compatible provider uses (./upstream-stream); the dialect is lib/dialects/anthropic.
 */
import { fitToCapabilities, type ProviderCapabilities } from "../chat/capabilities";
import type { EventBatch } from "../chat/events";
import type { ChatMessage, ChatRequest } from "../chat/request";
import { createAnthropicStreamDecoder, decodeAnthropicJson } from "../dialects/anthropic/decode";
import { anthropicHttpFailureEvent } from "../dialects/anthropic/errors";
import { ANTHROPIC_VERSION, anthropicMessages, anthropicMessagesRequest } from "../dialects/anthropic/request";
import { MODEL } from "../model/facts";
import type { Redact } from "../redact";
import type { ChatProvider, FetchLike, ProviderInfo, StreamOptions } from "./types";
import { modelIdsOf, providerRedactor, requestUpstreamJson, streamUpstream, type WireDialect } from "./upstream-stream";
import { fetchTransport, nodeHttpTransport, type Transport } from "./upstream-transport";

export interface AnthropicCompatibleConfig {
  info: Omit<ProviderInfo, "capabilities">;
  capabilities: ProviderCapabilities;
  /** The API root, without `/v1` (`https://api.anthropic.com`, `https://modelslab.com/api/v7/llm`); a trailing `/v1` is tolerated. */
  baseUrl: string;
  apiKey?: string;
  /** Abort when the upstream sends nothing for this long (first byte or between chunks). */
  idleTimeoutMs: number;
  /**
   * Count prompt tokens with the upstream's `/v1/messages/count_tokens` (see the registry for
   * when): the provider then offers `countPromptTokens`.
   */
  upstreamTokenCount?: boolean;
  fetch?: FetchLike;
  /** Takes configured secrets out of what the upstream says before it goes anywhere. */
  redact?: Redact;
}

/**
 * What the Messages API takes (upstream-apis.md): stop sequences, top_k and tools, temperature 0–1
 * (clamped, with a warning: lib/dialects/anthropic/request.ts). No seed, repetition penalty, JSON
 * mode or schema, and no log-probabilities are part of it.
 */
export const ANTHROPIC_CAPABILITIES: ProviderCapabilities = {
  contextWindow: MODEL.contextWindow,
  concurrentStreams: 6,
  seed: false,
  stop: true,
  topK: true,
  repetitionPenalty: false,
  tools: true,
  jsonMode: false,
  jsonSchema: false,
  logprobs: false,
  // Anthropic documents prefilling the assistant turn, but it refuses one that ends in whitespace
  // (a chosen token often does) and ModelsLab's endpoint documents no prefill: not offered.
  continuation: false,
};

/**
 * Whether /v1/messages/count_tokens is the better prompt count for this model. For Mixtral the
 * local Mistral v1 tokenizer is exact (tested against llama.cpp's ids), free, and answers without
 * an upstream round trip per keystroke (the composer counts as you type), so it stays the source.
 * Another model behind the server has another tokenizer: there the upstream's own count is right.
 */
export const upstreamCountsBetter = (model: string) => !/mixtral/i.test(model);

const ANTHROPIC_WIRE: WireDialect = { createDecoder: createAnthropicStreamDecoder, decodeJson: decodeAnthropicJson, httpFailure: anthropicHttpFailureEvent };

/** The body the provider sends for a request (View code and tests compare against it). */
export function buildAnthropicBody(config: AnthropicCompatibleConfig, request: ChatRequest): Record<string, unknown> {
  const { request: fitted } = fitToCapabilities(request, config.capabilities, config.info.label);
  return anthropicMessagesRequest(fitted, fitted.model ?? config.info.model, true).body;
}

export function createAnthropicCompatibleProvider(config: AnthropicCompatibleConfig): ChatProvider {
  const send: Transport = config.fetch ? fetchTransport(config.fetch) : nodeHttpTransport;
  const base = config.baseUrl.replace(/\/+$/, "").replace(/\/v1$/, "");
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "anthropic-version": ANTHROPIC_VERSION,
    ...(config.apiKey ? { "x-api-key": config.apiKey } : {}),
  };
  const info: ProviderInfo = { ...config.info, capabilities: config.capabilities };
  const redact = providerRedactor(config.apiKey, config.redact);

  function stream(request: ChatRequest, options: StreamOptions): AsyncIterableIterator<EventBatch> {
    const { request: fitted, warnings: unsupported } = fitToCapabilities(request, config.capabilities, config.info.label);
    const { body, warnings: adjusted } = anthropicMessagesRequest(fitted, fitted.model ?? config.info.model, true);
    const warnings = [...unsupported, ...adjusted];
    return streamUpstream(
      {
        send,
        url: `${base}/v1/messages`,
        headers: { ...headers, Accept: "text/event-stream" },
        body: JSON.stringify(body),
        idleTimeoutMs: config.idleTimeoutMs,
        dialect: ANTHROPIC_WIRE,
        redact,
      },
      options,
      warnings.length ? [{ type: "warnings", warnings }] : [],
    );
  }

  async function listModels(signal: AbortSignal): Promise<string[]> {
    return modelIdsOf(await requestUpstreamJson({ send, url: `${base}/v1/models`, headers, dialect: ANTHROPIC_WIRE, redact }, signal));
  }

  /** `{model, system, messages}` → `{"input_tokens": N}`: the prompt as that upstream counts it. */
  async function countPromptTokens(systemMessage: string, messages: readonly ChatMessage[], signal: AbortSignal): Promise<number> {
    const body = {
      model: config.info.model,
      ...(systemMessage.trim() ? { system: systemMessage } : {}),
      messages: anthropicMessages(messages).messages,
    };
    const parsed = await requestUpstreamJson({ send, url: `${base}/v1/messages/count_tokens`, headers, body: JSON.stringify(body), dialect: ANTHROPIC_WIRE, redact }, signal);
    const tokens = (parsed as { input_tokens?: unknown } | undefined)?.input_tokens;
    if (typeof tokens !== "number" || !Number.isFinite(tokens)) throw new Error("The upstream's token count has no input_tokens.");
    return tokens;
  }

  return { info, stream, listModels, ...(config.upstreamTokenCount ? { countPromptTokens } : {}) };
}
