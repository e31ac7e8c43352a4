/**
 * /api/v1/messages: Anthropic's Messages API over whatever provider serves the playground, so
 * Anthropic's SDKs (and Claude Code) work with `ANTHROPIC_BASE_URL=http://host:3000/api`. A setting
 * the upstream cannot honour is a 400 naming it in Anthropic's words, never dropped silently.
 */
import "server-only";
import { observeBatches } from "../../chat/batch-observer";
import { MAX_CHAT_BODY_BYTES } from "../../chat/schema";
import { anthropicMessageFromBatches, createAnthropicEventEncoder } from "../../dialects/anthropic/encode";
import { anthropicErrorEventResponse } from "../../dialects/anthropic/errors";
import { AnthropicMessagesRequestSchema, inAnthropicWords, toChatBody, type AnthropicMessagesRequest } from "../../dialects/anthropic/served-request";
import { AppError } from "../../errors";
import { countPromptTokens } from "../../tokens/mistral-tokenizer";
import { readJsonBody } from "../http/read-json-body";
import { sseResponse } from "../http/sse-response";
import { requireApiKey } from "../limits/access-keys";
import { contextLengthExceeded, toCountedChatRequest } from "./parse-chat-request";
import type { ChatDialect, ParsedChat } from "./pipeline";
import { refuseUnsupportedSettings, refuseWarnings } from "./refuse-warnings";

interface AnthropicParsed extends ParsedChat {
  anthropic: AnthropicMessagesRequest;
  /** The prompt's size, told in message_start before the reply. */
  inputTokens: number;
  /** Max Tokens was lowered to what the window leaves: a reply that reaches it stops with model_context_window_exceeded. */
  windowCapped: boolean;
}

export const anthropicChat: ChatDialect<AnthropicParsed> = {
  errors: "anthropic",
  surface: "api",
  access: requireApiKey,
  async parse(request, provider) {
    let source: number[] = [];
    try {
      const anthropic = await readJsonBody(request, AnthropicMessagesRequestSchema, MAX_CHAT_BODY_BYTES);
      const mapped = toChatBody(anthropic);
      source = mapped.source;
      // Anthropic's clients (Claude Code asks for 32,000) may ask for more than the window leaves:
      // the reply then stops at the window, stop_reason model_context_window_exceeded.
      const { contextWindow, continuation } = provider.info.capabilities;
      const counted = await toCountedChatRequest(mapped.body, contextWindow, request.signal, continuation, "shrink");
      let chat = counted.chat;
      refuseUnsupportedSettings(chat, provider.info.capabilities, provider.info.label);
      // message_start carries the prompt's size before the reply: the exact count, as the engine sees
      // the prompt (tools included). A prompt near the window was counted (and Max Tokens fitted) above.
      const inputTokens = counted.promptTokens ?? (await countPromptTokens(chat.systemMessage, chat.messages, request.signal, chat.options));
      if (inputTokens >= contextWindow) throw contextLengthExceeded(inputTokens, chat.params.maxTokens, contextWindow, false);
      if (inputTokens + chat.params.maxTokens > contextWindow) chat = { ...chat, params: { ...chat.params, maxTokens: contextWindow - inputTokens } };
      const windowCapped = chat.params.maxTokens < anthropic.max_tokens;
      return { anthropic, chat: { ...chat, model: anthropic.model }, model: anthropic.model, inputTokens, windowCapped };
    } catch (error) {
      throw error instanceof AppError ? inAnthropicWords(error, source) : error;
    }
  },
  observers: () => [refuseWarnings],
  async respond({ anthropic, inputTokens, windowCapped }, { produce, observers, model }, request) {
    if (!anthropic.stream) return anthropicMessageFromBatches(observeBatches(produce(request.signal), observers), model, { inputTokens, windowCapped });
    const encode = createAnthropicEventEncoder(model, { inputTokens, windowCapped });
    return sseResponse(produce, request.signal, { encode, earlyError: anthropicErrorEventResponse, observers });
  },
};
