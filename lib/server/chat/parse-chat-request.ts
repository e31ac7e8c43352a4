import "server-only";
import { z } from "zod";
import { ChatBodySchema, MAX_CHAT_BODY_BYTES } from "../../chat/schema";
import type { ChatRequest } from "../../chat/request";
import { AppError, invalidRequest } from "../../errors";
import { readJsonBody } from "../http/read-json-body";
import { countPromptTokens, promptTokenLowerBound, promptTokenUpperBound } from "../../tokens/mistral-tokenizer";

/** Reads and validates a chat request; throws AppError(400) naming every bad field. */
export async function parseChatRequest(request: Request, contextWindow: number, continuation = false): Promise<ChatRequest> {
  return toChatRequest(await readJsonBody(request, z.unknown(), MAX_CHAT_BODY_BYTES), contextWindow, request.signal, continuation);
}

/**
 * The 400 for a prompt (plus Max Tokens) that does not fit. `atLeast`: the count is the lower
 * bound from the prompt's length, not an exact count.
 */
export function contextLengthExceeded(promptTokens: number, maxTokens: number, contextWindow: number, atLeast: boolean): AppError {
  const room = contextWindow - promptTokens;
  const tokens = `${atLeast ? "at least " : ""}${promptTokens}`;
  const message =
    room < 1
      ? `the prompt is ${tokens} tokens, which fills the ${contextWindow}-token context window`
      : `Max Tokens ${maxTokens} does not fit: the prompt uses ${tokens} of ${contextWindow} tokens, so at most ${room} remain`;
  const field = room < 1 ? "messages" : "params.maxTokens";
  return new AppError(400, "context_length_exceeded", `Invalid request: ${field}: ${message}`, [{ field, message }]);
}

/**
 * Refuses, from its length alone, a text or prompt that could not fit the context window even if
 * every token were the vocabulary's longest piece: nothing that large is ever tokenized.
 */
export function refuseIfCannotFit(field: string, tokensAtLeast: number, contextWindow: number): void {
  if (tokensAtLeast <= contextWindow) return;
  const message = `at least ${tokensAtLeast} tokens, more than the ${contextWindow}-token context window`;
  throw new AppError(400, "context_length_exceeded", `Invalid request: ${field}: ${message}`, [{ field, message }]);
}

/**
 * Validates a /api/chat body (also what /api/v1 maps OpenAI and Anthropic requests to), including
 * that the prompt plus Max Tokens fits the serving upstream's context window. `signal` stops a
 * count whose client has gone. `continuation`: the upstream can continue a last assistant message
 * (capabilities.continuation); otherwise such a request is a 400, never silently a new reply.
 * `fit: "shrink"` (Anthropic's Messages API, whose clients ask for more than fits and expect the
 * reply to stop at the window) lowers Max Tokens to the room the prompt leaves instead of refusing;
 * a prompt that fills the window is refused either way.
 */
export async function toChatRequest(json: unknown, contextWindow: number, signal?: AbortSignal, continuation = false, fit: "refuse" | "shrink" = "refuse"): Promise<ChatRequest> {
  return (await toCountedChatRequest(json, contextWindow, signal, continuation, fit)).chat;
}

/**
 * toChatRequest, with the prompt's exact token count when checking the window took one (a prompt
 * near the window's size), so a caller that needs the count too (Anthropic's message_start) does
 * not tokenize the same prompt twice.
 */
export async function toCountedChatRequest(
  json: unknown,
  contextWindow: number,
  signal?: AbortSignal,
  continuation = false,
  fit: "refuse" | "shrink" = "refuse",
): Promise<{ chat: ChatRequest; promptTokens?: number }> {
  const parsed = ChatBodySchema.safeParse(json);
  if (!parsed.success) throw invalidRequest(parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })));
  const body = parsed.data;
  if (!continuation && body.messages.at(-1)?.role === "assistant") {
    throw invalidRequest([{ field: "messages", message: "the last message must be a user message: continuing a reply is not available on this upstream or endpoint" }]);
  }
  const { systemMessage, messages, options } = body;
  let { params } = body;
  const shrink = fit === "shrink";

  // The prompt as the model reads it, the offered functions' instructions included.
  // What cannot fit even by the lower bound is refused from its length, before any tokenizing.
  const atLeast = promptTokenLowerBound(systemMessage, messages, options);
  if (shrink ? atLeast >= contextWindow : atLeast + params.maxTokens > contextWindow) throw contextLengthExceeded(atLeast, params.maxTokens, contextWindow, true);
  // Exact counting costs a tokenizer pass (on a worker thread); skip it when even the upper bound fits.
  let promptTokens: number | undefined;
  if (promptTokenUpperBound(systemMessage, messages, options) + params.maxTokens > contextWindow) {
    promptTokens = await countPromptTokens(systemMessage, messages, signal, options);
    if (promptTokens + params.maxTokens > contextWindow) {
      if (!shrink || promptTokens >= contextWindow) throw contextLengthExceeded(promptTokens, params.maxTokens, contextWindow, false);
      params = { ...params, maxTokens: contextWindow - promptTokens };
    }
  }
  const chat = { systemMessage, messages, params, ...(options ? { options } : {}), ...(body.model ? { model: body.model } : {}) };
  return { chat, ...(promptTokens === undefined ? {} : { promptTokens }) };
}

/** The prompt's size in bytes (characters, close enough): the token charge when an upstream reports no usage. */
export const promptBytes = (chat: ChatRequest) => chat.messages.reduce((n, m) => n + m.content.length, chat.systemMessage.length);
