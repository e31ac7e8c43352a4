/**
 * An OpenAI chat-completions request, mapped onto our /api/chat body through the parameter
 * table (each parameter's `upstream` name), so the same validation applies.
 */
import { z } from "zod";
import { ADVANCED_NUMERIC_PARAMS, NUMERIC_PARAMS, SEED_PARAM, STOP_PARAM } from "@/lib/params";
import { ModelIdSchema, type ChatBody } from "@/lib/chat/schema";

/** Every table parameter that travels under an OpenAI field name. */
const TABLE = [...NUMERIC_PARAMS, SEED_PARAM, ...ADVANCED_NUMERIC_PARAMS, STOP_PARAM];

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
  for (const p of TABLE) if (request[p.upstream] !== undefined) params[p.key] = request[p.upstream];
  // OpenAI's `stop` may be one string, or null for none.
  if (typeof params.stop === "string") params.stop = [params.stop];
  if (params.stop === null) delete params.stop;
  // OpenAI's newer name for max_tokens.
  if (params.maxTokens === undefined && request.max_completion_tokens !== undefined) params.maxTokens = request.max_completion_tokens;
  const system = request.messages.filter((m) => m.role === "system").map((m) => m.content);
  return {
    systemMessage: system.join("\n\n"),
    messages: request.messages.filter((m) => m.role !== "system").map(({ role, content }) => ({ role, content })),
    params,
  } satisfies Partial<Record<keyof ChatBody, unknown>>;
}

/** Our field paths back in OpenAI's names: params.topP → top_p, params.stop.1 → stop.1. */
export function openAiParam(path: string): string {
  const [key, ...rest] = path.replace(/^params\./, "").split(".");
  const upstream = TABLE.find((p) => p.key === key)?.upstream;
  return upstream ? [upstream, ...rest].join(".") : path;
}
