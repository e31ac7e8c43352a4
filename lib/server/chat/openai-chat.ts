/**
 * /api/v1/chat/completions: OpenAI's Chat Completions over whatever provider serves the
 * playground. Unlike /api/chat it never degrades a request: a parameter the upstream cannot
 * honour is a 400 naming it in OpenAI's words (lib/dialects/openai/served-request.ts).
 */
import "server-only";
import { observeBatches } from "../../chat/batch-observer";
import { MAX_CHAT_BODY_BYTES } from "../../chat/schema";
import { completionFromBatches, createOpenAiChunkEncoder } from "../../dialects/openai/encode";
import { openAiErrorResponse } from "../../dialects/openai/errors";
import { inOpenAiWords, OpenAiChatRequestSchema, toChatBody, unsupportedParameter, type OpenAiChatRequest } from "../../dialects/openai/served-request";
import { AppError } from "../../errors";
import { readJsonBody } from "../http/read-json-body";
import { sseResponse } from "../http/sse-response";
import { requireApiKey } from "../limits/access-keys";
import { toChatRequest } from "./parse-chat-request";
import type { ChatDialect, ParsedChat } from "./pipeline";
import { refuseUnsupportedSettings, refuseWarnings } from "./refuse-warnings";

interface OpenAiParsed extends ParsedChat {
  openAi: OpenAiChatRequest;
}

export const openAiChat: ChatDialect<OpenAiParsed> = {
  errors: "openai",
  surface: "api",
  access: requireApiKey,
  async parse(request, provider) {
    try {
      const openAi = await readJsonBody(request, OpenAiChatRequestSchema, MAX_CHAT_BODY_BYTES);
      const unsupported = unsupportedParameter(openAi);
      if (unsupported) throw new AppError(400, "unsupported_parameter", unsupported.message, [{ field: unsupported.param, message: unsupported.message }]);
      const chat = await toChatRequest(toChatBody(openAi), provider.info.capabilities.contextWindow, request.signal);
      refuseUnsupportedSettings(chat, provider.info.capabilities, provider.info.label);
      return { openAi, chat: { ...chat, ...(openAi.model ? { model: openAi.model } : {}) }, model: openAi.model, choices: openAi.n ?? 1 };
    } catch (error) {
      throw error instanceof AppError ? inOpenAiWords(error) : error;
    }
  },
  observers: () => [refuseWarnings],
  async respond({ openAi, chat }, { produce, observers, model }, request) {
    const logprobs = chat.options?.logprobs;
    if (!openAi.stream) return completionFromBatches(observeBatches(produce(request.signal), observers), model, logprobs);
    const encode = createOpenAiChunkEncoder(model, openAi.stream_options?.include_usage ?? false, { topLogprobs: logprobs?.top });
    return sseResponse(produce, request.signal, { encode, earlyError: openAiErrorResponse, observers });
  },
};
