/**
 * POST: an Anthropic-compatible Messages endpoint over whatever provider serves the playground,
 * so Anthropic's SDKs (and Claude Code) work with `ANTHROPIC_BASE_URL=http://host:3000/api`.
 * The same guards, validation and limits as /api/v1/chat/completions; errors in Anthropic's shape
 * (`{"type":"error","error":{type, message}}`) and statuses; a key (x-api-key) when ACCESS_KEYS
 * is set. A setting the upstream cannot honour is a 400 naming it, never dropped silently.
 */
import { MAX_CHAT_BODY_BYTES } from "@/lib/chat/schema";
import { observeBatches, type BatchObserver } from "@/lib/chat/batch-observer";
import { anthropicMessageFromBatches, createAnthropicEventEncoder } from "@/lib/dialects/anthropic/encode";
import { anthropicErrorEventResponse, anthropicStatusErrorResponse } from "@/lib/dialects/anthropic/errors";
import { AppError } from "@/lib/errors";
import { getProvider } from "@/lib/providers/registry";
import { requireApiKey } from "@/lib/server/access-keys";
import { claimStreamSlot } from "@/lib/server/concurrent-streams";
import { servedRoute } from "@/lib/server/served-api-http";
import { requireAllowedModel } from "@/lib/server/models-allowed";
import { contextLengthExceeded, promptBytes, toCountedChatRequest } from "@/lib/server/parse-chat-request";
import { readJsonBody } from "@/lib/server/read-json-body";
import { refuseUnsupportedSettings, refuseWarnings } from "@/lib/server/refuse-warnings";
import { guardAction } from "@/lib/server/request-guards";
import { sseResponse } from "@/lib/server/sse-response";
import { checkRequestRate, limitKey } from "@/lib/server/usage-limits";
import { usageCharge } from "@/lib/server/usage-charge";
import { countPromptTokens } from "@/lib/tokens/mistral-tokenizer";
import { anthropicAppError, AnthropicMessagesRequestSchema, toChatBody } from "./schema";

async function answer(request: Request): Promise<Response> {
  const provider = getProvider();
  let anthropic;
  let chat;
  let client;
  let accessKeyId;
  let inputTokens;
  let windowCapped = false;
  let slot: BatchObserver | undefined;
  let source: number[] = [];
  try {
    guardAction(request);
    accessKeyId = requireApiKey(request);
    client = limitKey(request, accessKeyId);
    await checkRequestRate("chat", client);
    anthropic = await readJsonBody(request, AnthropicMessagesRequestSchema, MAX_CHAT_BODY_BYTES);
    const mapped = toChatBody(anthropic);
    source = mapped.source;
    // Anthropic's clients (Claude Code asks for 32,000) may ask for more than the window leaves:
    // the reply then stops at the window, stop_reason model_context_window_exceeded.
    const contextWindow = provider.info.capabilities.contextWindow;
    const counted = await toCountedChatRequest(mapped.body, contextWindow, request.signal, provider.info.capabilities.continuation, "shrink");
    chat = counted.chat;
    refuseUnsupportedSettings(chat, provider.info.capabilities, provider.info.label);
    await requireAllowedModel(anthropic.model);
    // message_start carries the prompt's size before the reply: the exact count, as the engine sees
    // the prompt (tools included). A prompt near the window was counted (and Max Tokens fitted) above.
    inputTokens = counted.promptTokens ?? (await countPromptTokens(chat.systemMessage, chat.messages, request.signal, chat.options));
    if (inputTokens >= contextWindow) throw contextLengthExceeded(inputTokens, chat.params.maxTokens, contextWindow, false);
    if (inputTokens + chat.params.maxTokens > contextWindow) chat = { ...chat, params: { ...chat.params, maxTokens: contextWindow - inputTokens } };
    windowCapped = chat.params.maxTokens < anthropic.max_tokens;
    slot = claimStreamSlot(client, request.signal);
  } catch (error) {
    slot?.end?.();
    if (!(error instanceof AppError)) throw error;
    return anthropicStatusErrorResponse(anthropicAppError(error, source));
  }
  const model = anthropic.model;
  const upstreamRequest = { ...chat, model };
  const observers = [refuseWarnings, slot, usageCharge({ limitKey: client, accessKeyId, surface: "api", model, servedModel: provider.info.model }, promptBytes(chat))];
  const produce = (signal: AbortSignal) => provider.stream(upstreamRequest, { signal });
  if (anthropic.stream) {
    const encode = createAnthropicEventEncoder(model, { inputTokens, windowCapped });
    return sseResponse(produce, request.signal, { encode, earlyError: anthropicErrorEventResponse, observers });
  }
  return anthropicMessageFromBatches(observeBatches(produce(request.signal), observers), model, { inputTokens, windowCapped });
}

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = servedRoute({ POST: answer });
