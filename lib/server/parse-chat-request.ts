import "server-only";
import { z } from "zod";
import { ChatBodySchema } from "@/app/api/chat/schema";
import { invalidRequest } from "../errors";
import { CONTEXT_WINDOW } from "../params";
import type { ChatRequest } from "../providers/types";
import { readJsonBody } from "./read-json-body";
import { countPromptTokens, promptTokenUpperBound } from "../tokens/mistral-tokenizer";

const MAX_BODY_BYTES = 2_000_000;

/** Reads and validates a chat request; throws AppError(400) naming every bad field. */
export async function parseChatRequest(request: Request): Promise<ChatRequest> {
  return toChatRequest(await readJsonBody(request, z.unknown(), MAX_BODY_BYTES));
}

/** Validates a /api/chat body (also what /api/v1 maps OpenAI requests to), including the context window. */
export function toChatRequest(json: unknown): ChatRequest {
  const parsed = ChatBodySchema.safeParse(json);
  if (!parsed.success) throw invalidRequest(parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })));
  const body = parsed.data;
  const { systemMessage, messages, params } = body;

  // Exact counting costs a tokenizer pass; skip it when even the upper bound fits.
  if (promptTokenUpperBound(systemMessage, messages) + params.maxTokens > CONTEXT_WINDOW) {
    const promptTokens = countPromptTokens(systemMessage, messages);
    const room = CONTEXT_WINDOW - promptTokens;
    if (room < params.maxTokens) {
      throw invalidRequest([
        {
          field: "params.maxTokens",
          message:
            room < 1
              ? `the prompt is ${promptTokens} tokens, which fills the ${CONTEXT_WINDOW}-token context window`
              : `Max Tokens ${params.maxTokens} does not fit: the prompt uses ${promptTokens} of ${CONTEXT_WINDOW} tokens, so at most ${room} remain`,
        },
      ]);
    }
  }
  return { systemMessage, messages, params, ...(body.model ? { model: body.model } : {}) };
}
