import "server-only";
import { z } from "zod";
import { ChatBodySchema, MAX_CHAT_BODY_BYTES } from "../chat/schema";
import type { ChatRequest } from "../chat/request";
import { AppError, invalidRequest } from "../errors";
import { readJsonBody } from "./read-json-body";
import { countPromptTokens, promptTokenUpperBound } from "../tokens/mistral-tokenizer";

/** Reads and validates a chat request; throws AppError(400) naming every bad field. */
export async function parseChatRequest(request: Request, contextWindow: number): Promise<ChatRequest> {
  return toChatRequest(await readJsonBody(request, z.unknown(), MAX_CHAT_BODY_BYTES), contextWindow);
}

/**
 * Validates a /api/chat body (also what /api/v1 maps OpenAI requests to), including that the
 * prompt plus Max Tokens fits the serving upstream's context window.
 */
export function toChatRequest(json: unknown, contextWindow: number): ChatRequest {
  const parsed = ChatBodySchema.safeParse(json);
  if (!parsed.success) throw invalidRequest(parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })));
  const body = parsed.data;
  const { systemMessage, messages, params } = body;

  // Exact counting costs a tokenizer pass; skip it when even the upper bound fits.
  if (promptTokenUpperBound(systemMessage, messages) + params.maxTokens > contextWindow) {
    const promptTokens = countPromptTokens(systemMessage, messages);
    const room = contextWindow - promptTokens;
    if (room < params.maxTokens) {
      const message =
        room < 1
          ? `the prompt is ${promptTokens} tokens, which fills the ${contextWindow}-token context window`
          : `Max Tokens ${params.maxTokens} does not fit: the prompt uses ${promptTokens} of ${contextWindow} tokens, so at most ${room} remain`;
      const field = room < 1 ? "messages" : "params.maxTokens";
      throw new AppError(400, "context_length_exceeded", `Invalid request: ${field}: ${message}`, [{ field, message }]);
    }
  }
  return { systemMessage, messages, params, ...(body.model ? { model: body.model } : {}) };
}

/** The prompt's size in bytes (characters, close enough): the token charge when an upstream reports no usage. */
export const promptBytes = (chat: ChatRequest) => chat.messages.reduce((n, m) => n + m.content.length, chat.systemMessage.length);
