/**
 * An OpenAI chat-completions request, mapped onto our /api/chat body through the parameter
 * table (each parameter's `upstream` name), so the same validation applies.
 */
import { z } from "zod";
import { NUMERIC_PARAMS, SEED_PARAM } from "@/lib/params";
import { ModelIdSchema, type ChatBody } from "@/lib/chat/schema";

export const OpenAiChatRequestSchema = z.looseObject({
  // Bounded like /api/chat: the id is forwarded upstream and echoed in every chunk.
  model: ModelIdSchema.optional(),
  messages: z.array(z.looseObject({ role: z.enum(["system", "user", "assistant"]), content: z.string() }), { error: "messages must be a list" }),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).optional(),
});
export type OpenAiChatRequest = z.infer<typeof OpenAiChatRequestSchema>;

/** The /api/chat body for this request; unknown OpenAI fields (n, logprobs…) are ignored. */
export function toChatBody(request: OpenAiChatRequest): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const p of [...NUMERIC_PARAMS, SEED_PARAM]) if (request[p.upstream] !== undefined) params[p.key] = request[p.upstream];
  // OpenAI's newer name for max_tokens.
  if (params.maxTokens === undefined && request.max_completion_tokens !== undefined) params.maxTokens = request.max_completion_tokens;
  const system = request.messages.filter((m) => m.role === "system").map((m) => m.content);
  return {
    systemMessage: system.join("\n\n"),
    messages: request.messages.filter((m) => m.role !== "system").map(({ role, content }) => ({ role, content })),
    params,
  } satisfies Partial<Record<keyof ChatBody, unknown>>;
}

/** Our field paths back in OpenAI's names: params.topP → top_p. */
export function openAiParam(path: string): string {
  const key = path.replace(/^params\./, "");
  return [...NUMERIC_PARAMS, SEED_PARAM].find((p) => p.key === key)?.upstream ?? path;
}
