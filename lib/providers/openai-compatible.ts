/**
 * Streams chat completions from any OpenAI-compatible server (ModelsLab v7, Ollama,
 * llama.cpp server, vLLM, OpenRouter, Mistral...). ModelsLab is a preset of this, not a copy.
 */
import { openAiChatBody } from "./request-bodies";
import type { FinishReason, StreamEvent } from "../stream/events";
import { iterate, parseSse } from "../stream/sse";
import type { ChatProvider, ChatRequest, FetchLike, ProviderInfo } from "./types";
import { embeddedError, embeddedFailureEvent, errorEvent, httpFailureEvent } from "./upstream-errors";

export interface OpenAICompatibleConfig {
  info: ProviderInfo;
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
}

const FINISH_REASONS = new Set<FinishReason>(["stop", "length", "tool_calls", "content_filter"]);

export function buildChatBody(config: OpenAICompatibleConfig, request: ChatRequest): Record<string, unknown> {
  const model = request.model ?? config.info.model;
  const body = openAiChatBody(request, model, true);
  for (const [from, to] of Object.entries(config.renameFields ?? {})) {
    if (from in body) {
      body[to] = body[from];
      delete body[from];
    }
  }
  if (config.keyInBody && config.apiKey) {
    body.key = config.apiKey;
    body.model_id = model;
  }
  return body;
}

interface ChunkChoice {
  delta?: {
    content?: string | null;
    tool_calls?: { index?: number; id?: string; function?: { name?: string; arguments?: string } }[];
  };
  message?: { content?: string | null };
  finish_reason?: string | null;
}

interface Chunk {
  choices?: ChunkChoice[] | null;
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
}

/** Events from one parsed chunk; the finish reason is returned, not emitted, since usage may follow it. */
function* chunkEvents(chunk: Chunk, onFinish: (reason: FinishReason) => void): Generator<StreamEvent> {
  for (const choice of chunk.choices ?? []) {
    const content = choice.delta?.content ?? choice.message?.content;
    if (content) yield { type: "text-delta", text: content };
    for (const call of choice.delta?.tool_calls ?? []) {
      yield {
        type: "tool-call-delta",
        index: call.index ?? 0,
        ...(call.id ? { id: call.id } : {}),
        ...(call.function?.name ? { name: call.function.name } : {}),
        argumentsDelta: call.function?.arguments ?? "",
      };
    }
    if (choice.finish_reason) {
      const reason = choice.finish_reason as FinishReason;
      onFinish(FINISH_REASONS.has(reason) ? reason : "stop");
    }
  }
  if (chunk.usage && typeof chunk.usage.prompt_tokens === "number") {
    yield {
      type: "usage",
      usage: { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens ?? 0 },
    };
  }
}

/** One timer that aborts when the upstream goes quiet; `touch()` on every byte received. */
function idleTimer(ms: number) {
  const controller = new AbortController();
  let handle: ReturnType<typeof setTimeout> | undefined;
  const touch = () => {
    clearTimeout(handle);
    handle = setTimeout(() => controller.abort(), ms);
  };
  touch();
  return { signal: controller.signal, touch, clear: () => clearTimeout(handle) };
}

export function createOpenAICompatibleProvider(config: OpenAICompatibleConfig): ChatProvider {
  const doFetch: FetchLike = config.fetch ?? ((input, init) => fetch(input, init));
  const url = `${config.baseUrl.replace(/\/+$/, "")}/chat/completions`;

  async function* stream(request: ChatRequest, { signal }: { signal: AbortSignal }): AsyncGenerator<StreamEvent> {
    const idle = idleTimer(config.idleTimeoutMs);
    const combined = AbortSignal.any([signal, idle.signal]);
    const failure = (dropped: StreamEvent): StreamEvent =>
      signal.aborted
        ? { type: "finish", reason: "abort" }
        : idle.signal.aborted
          ? errorEvent("timeout", `no data for ${Math.round(config.idleTimeoutMs / 1000)} s`)
          : dropped;

    try {
      let response: Response;
      try {
        response = await doFetch(url, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            Accept: "text/event-stream",
            ...(config.apiKey ? { Authorization: `Bearer ${config.apiKey}` } : {}),
          },
          body: JSON.stringify(buildChatBody(config, request)),
          signal: combined,
        });
      } catch (cause) {
        yield failure(errorEvent("upstream_unreachable", describeNetworkError(cause)));
        return;
      }
      idle.touch();

      if (!response.ok) {
        const body = await response.text().catch(() => "");
        yield httpFailureEvent({ status: response.status, body, retryAfterHeader: response.headers.get("retry-after") });
        return;
      }
      if (!response.body) {
        yield errorEvent("malformed_stream", "empty body");
        return;
      }

      const contentType = response.headers.get("content-type") ?? "";
      if (!contentType.includes("text/event-stream")) {
        // Some gateways answer a stream request with one JSON body (often an error with status 200).
        yield* singleJsonBody(await response.text());
        return;
      }

      let finishReason: FinishReason | undefined;
      let sawDone = false;
      try {
        for await (const message of iterate(parseSse(response.body))) {
          idle.touch();
          if (message.data.trim() === "[DONE]") {
            sawDone = true;
            break;
          }
          let json: unknown;
          try {
            json = JSON.parse(message.data);
          } catch {
            yield errorEvent("malformed_stream", `unreadable chunk ${JSON.stringify(message.data.slice(0, 80))}`);
            return;
          }
          const said = embeddedError(json);
          if (said !== undefined) {
            yield embeddedFailureEvent(json, said);
            return;
          }
          yield* chunkEvents(json as Chunk, (reason) => (finishReason = reason));
        }
      } catch (cause) {
        yield failure(errorEvent("connection_dropped", describeNetworkError(cause)));
        return;
      }
      if (signal.aborted) yield { type: "finish", reason: "abort" };
      else if (sawDone || finishReason) yield { type: "finish", reason: finishReason ?? "stop" };
      else yield failure(errorEvent("connection_dropped"));
    } finally {
      idle.clear();
    }
  }

  async function listModels(signal: AbortSignal): Promise<string[]> {
    let response: Response;
    try {
      response = await doFetch(`${config.baseUrl.replace(/\/+$/, "")}${config.modelsPath ?? "/models"}`, {
        method: "GET",
        headers: { Accept: "application/json", ...(config.apiKey ? { Authorization: `Bearer ${config.apiKey}` } : {}) },
        signal,
      });
    } catch (cause) {
      throw new Error(errorEvent("upstream_unreachable", describeNetworkError(cause)).message);
    }
    const body = await response.text();
    if (!response.ok) {
      throw new Error(httpFailureEvent({ status: response.status, body, retryAfterHeader: response.headers.get("retry-after") }).message);
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

  return { info: config.info, stream, listModels };
}

function* singleJsonBody(text: string): Generator<StreamEvent> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    yield errorEvent("malformed_stream", "expected an event stream");
    return;
  }
  const said = embeddedError(json);
  if (said !== undefined) {
    yield embeddedFailureEvent(json, said);
    return;
  }
  let reason: FinishReason = "stop";
  yield* chunkEvents(json as Chunk, (r) => (reason = r));
  yield { type: "finish", reason };
}

function describeNetworkError(cause: unknown): string | undefined {
  if (!(cause instanceof Error)) return undefined;
  const inner = (cause as { cause?: { code?: string } }).cause;
  return inner?.code ?? (cause.name === "AbortError" ? undefined : cause.message);
}
