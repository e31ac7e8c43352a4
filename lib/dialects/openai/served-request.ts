/**
 * An OpenAI chat-completions request, mapped onto our /api/chat body through the parameter
 * table (each parameter's `upstream` name), so the same validation applies.
 */
import { z } from "zod";
import { ADVANCED_NUMERIC_PARAMS, NUMERIC_PARAMS, SEED_PARAM, STOP_PARAM } from "../../params";
import { MAX_TOP_LOGPROBS, ModelIdSchema, type ChatBody } from "../../chat/schema";
import { AppError } from "../../errors";

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

/** OpenAI allows up to 128; each choice here is a whole generation holding an engine sequence or an upstream request. */
export const MAX_CHOICES = 4;

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
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  // Several generations: each is its own provider stream (lib/chat/merge-choices.ts).
  n: z
    .number({ error: "n must be a number" })
    .int({ error: "n must be a whole number" })
    .min(1, { error: "n must be at least 1" })
    .max(MAX_CHOICES, { error: `n must be at most ${MAX_CHOICES}` })
    .nullish(),
  logprobs: z.boolean({ error: "logprobs must be true or false" }).nullish(),
  top_logprobs: z
    .number({ error: "top_logprobs must be a number" })
    .int({ error: "top_logprobs must be a whole number" })
    .min(0, { error: "top_logprobs must be at least 0" })
    .max(MAX_TOP_LOGPROBS, { error: `top_logprobs must be at most ${MAX_TOP_LOGPROBS}` })
    .nullish(),
  // Accepted and ignored: they identify or label the caller (abuse monitoring, stored-completion
  // tags, cache routing) and cannot change a reply. Typed so that a wrong type is still a 400.
  user: z.string({ error: "user must be a string" }).nullish(),
  metadata: z.record(z.string(), z.string(), { error: "metadata must be an object of strings" }).nullish(),
  safety_identifier: z.string({ error: "safety_identifier must be a string" }).nullish(),
  prompt_cache_key: z.string({ error: "prompt_cache_key must be a string" }).nullish(),
});

/**
 * OpenAI parameters this server does not honour, each with the values that ask for nothing more
 * than what it does anyway (absent, null, the default). Any other value is a 400 naming the field:
 * a client must never believe it got, say, a logit bias or stored completion it did not get. The
 * rule: a field OpenAI documents that would change the reply, or promise something, is either
 * honoured or listed here. Fields OpenAI does not document (vendor extensions) are ignored, as
 * OpenAI-compatible servers do; the ones we honour (top_k, repetition_penalty) are in lib/params.ts.
 */
const UNSUPPORTED: Record<string, { accepts: (value: unknown) => boolean; why: string }> = {
  logit_bias: { accepts: (v) => isEmptyObject(v), why: "token biases are not supported" },
  parallel_tool_calls: { accepts: (v) => v === true, why: "calls cannot be limited to one per reply here; omit it or send true" },
  audio: { accepts: () => false, why: "audio output is not supported" },
  modalities: { accepts: (v) => Array.isArray(v) && v.every((m) => m === "text"), why: 'only ["text"] is supported' },
  prediction: { accepts: () => false, why: "predicted outputs are not supported" },
  service_tier: { accepts: (v) => v === "auto" || v === "default", why: 'only "auto" and "default" are served' },
  store: { accepts: (v) => v === false, why: "completions are not stored" },
  web_search_options: { accepts: () => false, why: "web search is not supported" },
  reasoning_effort: { accepts: () => false, why: "this model does not reason in a separate phase" },
  verbosity: { accepts: () => false, why: "verbosity is not supported" },
  functions: { accepts: () => false, why: "the deprecated functions field is not supported; send tools" },
  function_call: { accepts: () => false, why: "the deprecated function_call field is not supported; send tool_choice" },
};

const isEmptyObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;

/** The first OpenAI parameter in `body` that this server would not honour, with why; null when none. */
export function unsupportedParameter(body: Record<string, unknown>): { param: string; message: string } | null {
  for (const [param, { accepts, why }] of Object.entries(UNSUPPORTED)) {
    const value = body[param];
    if (value !== undefined && value !== null && !accepts(value)) return { param, message: `${param} is not supported by this server: ${why}.` };
  }
  if (body.top_logprobs !== undefined && body.top_logprobs !== null && body.logprobs !== true) {
    return { param: "top_logprobs", message: "top_logprobs needs logprobs: true." };
  }
  return null;
}
export type OpenAiChatRequest = z.infer<typeof OpenAiChatRequestSchema>;

/** The /api/chat body for this request (n, stream and the ignored identifiers stay with the route). */
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
  if (request.logprobs) options.logprobs = { top: request.top_logprobs ?? 0 };
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
    .replace(/^options\.logprobs\.top/, "top_logprobs")
    .replace(/^options\.logprobs/, "logprobs")
    .replace(/^(messages\.\d+)\.toolCallId/, "$1.tool_call_id")
    .replace(/^(messages\.\d+)\.toolCalls/, "$1.tool_calls");
  if (renamed !== path) return renamed;
  const [key, ...rest] = path.replace(/^params\./, "").split(".");
  const upstream = TABLE.find((p) => p.key === key)?.upstream;
  return upstream ? [upstream, ...rest].join(".") : path;
}

/** A refusal in the request's own words: the fields at fault named as OpenAI names them (its `param`). */
export function inOpenAiWords(error: AppError): AppError {
  if (!error.fields?.length) return error;
  return new AppError(error.status, error.code, error.message, error.fields.map((f) => ({ ...f, field: openAiParam(f.field) })), error.retryAfter);
}
