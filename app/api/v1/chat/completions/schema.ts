/**
 * An OpenAI chat-completions request, mapped onto our /api/chat body through the parameter
 * table (each parameter's `upstream` name), so the same validation applies.
 */
import { z } from "zod";
import { ADVANCED_NUMERIC_PARAMS, NUMERIC_PARAMS, SEED_PARAM, STOP_PARAM } from "@/lib/params";
import { ModelIdSchema, type ChatBody } from "@/lib/chat/schema";

/** Every table parameter that travels under an OpenAI field name. */
const TABLE = [...NUMERIC_PARAMS, SEED_PARAM, ...ADVANCED_NUMERIC_PARAMS, STOP_PARAM];

/** Text, or OpenAI's list of content parts (only text parts carry anything this model reads). */
const ContentSchema = z.union([
  z.string(),
  z.null(),
  z.array(z.looseObject({ type: z.string(), text: z.string().optional() }), { error: "content parts must be a list" }),
]);

const OpenAiMessageSchema = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool"], { error: 'role must be "system", "developer", "user", "assistant" or "tool"' }),
  content: ContentSchema.optional(),
  tool_calls: z
    .array(z.looseObject({ id: z.string(), type: z.literal("function").optional(), function: z.looseObject({ name: z.string(), arguments: z.string() }) }))
    .optional(),
  tool_call_id: z.string().optional(),
});
type OpenAiMessage = z.infer<typeof OpenAiMessageSchema>;

export const OpenAiChatRequestSchema = z.looseObject({
  // Bounded like /api/chat: the id is forwarded upstream and echoed in every chunk.
  model: ModelIdSchema.optional(),
  messages: z.array(OpenAiMessageSchema, { error: "messages must be a list" }),
  tools: z
    .array(z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: z.string(), description: z.string().optional(), parameters: z.record(z.string(), z.unknown()).optional() }) }), {
      error: 'tools must be a list of {"type": "function", "function": {…}}',
    })
    .optional(),
  tool_choice: z
    .union([z.enum(["auto", "none", "required"]), z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: z.string() }) })], {
      error: 'tool_choice must be "auto", "none", "required" or {"type": "function", "function": {"name": …}}',
    })
    .optional(),
  response_format: z
    .union(
      [
        z.looseObject({ type: z.enum(["text", "json_object"]) }),
        z.looseObject({ type: z.literal("json_schema"), json_schema: z.looseObject({ name: z.string().optional(), schema: z.record(z.string(), z.unknown()) }) }),
      ],
      { error: 'response_format must be {"type": "text" | "json_object"} or {"type": "json_schema", "json_schema": {"schema": …}}' },
    )
    .optional(),
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
  // System and developer messages, wherever they stand, make the System Message (Mixtral has one).
  const system = request.messages.filter((m) => m.role === "system" || m.role === "developer").map((m) => textOf(m.content));
  const options: Record<string, unknown> = {};
  if (request.tools) {
    options.tools = request.tools.map(({ function: f }) => ({ name: f.name, ...(f.description !== undefined ? { description: f.description } : {}), parameters: f.parameters ?? { type: "object", properties: {} } }));
  }
  if (request.tool_choice !== undefined) options.toolChoice = typeof request.tool_choice === "string" ? request.tool_choice : { name: request.tool_choice.function.name };
  const format = request.response_format;
  if (format && format.type !== "text") {
    options.responseFormat =
      format.type === "json_schema" && "json_schema" in format
        ? { type: "json_schema", schema: format.json_schema.schema, ...(format.json_schema.name ? { name: format.json_schema.name } : {}) }
        : { type: "json_object" };
  }
  return {
    systemMessage: system.join("\n\n"),
    messages: request.messages.filter((m) => m.role !== "system" && m.role !== "developer").map(toOurMessage),
    params,
    ...(Object.keys(options).length ? { options } : {}),
  } satisfies Partial<Record<keyof ChatBody, unknown>>;
}

const textOf = (content: OpenAiMessage["content"]): string =>
  typeof content === "string" ? content : Array.isArray(content) ? content.map((part) => (part.type === "text" ? (part.text ?? "") : "")).join("") : "";

/** One OpenAI message in our form: calls as toolCalls, results as tool messages with their call id. */
function toOurMessage(m: OpenAiMessage): Record<string, unknown> {
  if (m.role === "tool") return { role: "tool", content: textOf(m.content), ...(m.tool_call_id !== undefined ? { toolCallId: m.tool_call_id } : {}) };
  if (m.role === "assistant" && m.tool_calls?.length) {
    return { role: "assistant", content: textOf(m.content), toolCalls: m.tool_calls.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments })) };
  }
  return { role: m.role, content: textOf(m.content) };
}

/** Our field paths back in OpenAI's names: params.topP → top_p, params.stop.1 → stop.1. */
export function openAiParam(path: string): string {
  const renamed = path
    .replace(/^options\.tools\.(\d+)\.(name|description|parameters)/, "tools.$1.function.$2")
    .replace(/^options\.toolChoice/, "tool_choice")
    .replace(/^options\.responseFormat\.schema/, "response_format.json_schema.schema")
    .replace(/^options\.responseFormat/, "response_format")
    .replace(/^options\.tools/, "tools")
    .replace(/^(messages\.\d+)\.toolCallId/, "$1.tool_call_id")
    .replace(/^(messages\.\d+)\.toolCalls/, "$1.tool_calls");
  if (renamed !== path) return renamed;
  const [key, ...rest] = path.replace(/^params\./, "").split(".");
  const upstream = TABLE.find((p) => p.key === key)?.upstream;
  return upstream ? [upstream, ...rest].join(".") : path;
}
