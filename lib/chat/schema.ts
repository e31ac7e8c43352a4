/**
 * The chat request's zod schema, derived from the one parameter table in lib/params.ts. Every
 * route that accepts a chat (/api/chat, /api/v1) validates through it, with the same limits.
 */
import { z } from "zod";
import { FunctionDefinitionSchema, functionName, jsonSchemaObject, MAX_TOOLS } from "./function-schema";
import { ADVANCED_NUMERIC_PARAMS, DEFAULT_SYSTEM_MESSAGE, NUMERIC_PARAMS, SEED_PARAM, STOP_PARAM, SYSTEM_MESSAGE_MAX_LENGTH } from "../params";

export const MAX_MESSAGES = 500;
export const MAX_MESSAGE_LENGTH = 200_000;
/** The most a chat request body may weigh on the wire, on every route that takes one. */
export const MAX_CHAT_BODY_BYTES = 2_000_000;
export const MAX_MODEL_ID_LENGTH = 200;

const numericFields = Object.fromEntries(
  NUMERIC_PARAMS.map((p) => {
    let field = z.number({ error: `${p.label} must be a number` });
    if (p.integer) field = field.int({ error: `${p.label} must be a whole number` });
    field = field
      .min(p.min, { error: `${p.label} must be at least ${p.min}` })
      .max(p.max, { error: `${p.label} must be at most ${p.max}` });
    return [p.key, field.default(p.default)];
  }),
) as { [K in (typeof NUMERIC_PARAMS)[number]["key"]]: z.ZodDefault<z.ZodNumber> };

/** The advanced settings: optional (absent means not sent), same bounds and messages as the others. */
const optionalNumericFields = Object.fromEntries(
  ADVANCED_NUMERIC_PARAMS.map((p) => {
    let field = z.number({ error: `${p.label} must be a number` });
    if (p.integer) field = field.int({ error: `${p.label} must be a whole number` });
    field = field
      .min(p.min, { error: `${p.label} must be at least ${p.min}` })
      .max(p.max, { error: `${p.label} must be at most ${p.max}` });
    return [p.key, field.optional()];
  }),
) as { [K in (typeof ADVANCED_NUMERIC_PARAMS)[number]["key"]]: z.ZodOptional<z.ZodNumber> };

const StopSchema = z
  .array(
    z
      .string({ error: "each stop sequence must be a string" })
      .min(1, { error: "a stop sequence must not be empty" })
      .max(STOP_PARAM.maxLength, { error: `a stop sequence must be at most ${STOP_PARAM.maxLength} characters` }),
    { error: `${STOP_PARAM.label} must be a list of texts` },
  )
  .max(STOP_PARAM.maxCount, { error: `at most ${STOP_PARAM.maxCount} stop sequences` });

export const ParamsSchema = z.strictObject(
  {
    ...numericFields,
    ...optionalNumericFields,
    stop: StopSchema.optional(),
    seed: z
      .number({ error: `${SEED_PARAM.label} must be a number` })
      .int({ error: `${SEED_PARAM.label} must be a whole number` })
      .min(SEED_PARAM.min, { error: `${SEED_PARAM.label} must be at least ${SEED_PARAM.min}` })
      .max(SEED_PARAM.max, { error: `${SEED_PARAM.label} must be at most ${SEED_PARAM.max}` })
      .optional(),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown parameter: ${issue.keys.join(", ")}` : undefined) },
);

export const MAX_TOOL_CALLS = 16;
const MAX_TOOL_CALL_ID_LENGTH = 100;
const toolCallId = z
  .string({ error: "tool call id must be a string" })
  .min(1, { error: "tool call id must not be empty" })
  .max(MAX_TOOL_CALL_ID_LENGTH, { error: `tool call id must be at most ${MAX_TOOL_CALL_ID_LENGTH} characters` });

export const ToolCallSchema = z.strictObject({
  id: toolCallId,
  name: functionName,
  arguments: z.string({ error: "arguments must be JSON text" }).max(MAX_MESSAGE_LENGTH, { error: `arguments must be at most ${MAX_MESSAGE_LENGTH} characters` }),
});

/** The message's fields; extend this (shares add theirs), then apply withMessageRules. */
export const MessageObject = z.strictObject({
    role: z.enum(["user", "assistant", "tool"], { error: 'role must be "user", "assistant" or "tool"' }),
    content: z
      .string({ error: "content must be a string" })
      .max(MAX_MESSAGE_LENGTH, { error: `content must be at most ${MAX_MESSAGE_LENGTH} characters` }),
    toolCalls: z.array(ToolCallSchema, { error: "toolCalls must be a list" }).max(MAX_TOOL_CALLS, { error: `at most ${MAX_TOOL_CALLS} tool calls` }).optional(),
    toolCallId: toolCallId.optional(),
  });

type MessageShape = { role: string; toolCalls?: unknown; toolCallId?: string };

/** Which role may carry which field. */
export const withMessageRules = <T extends z.ZodType<MessageShape>>(schema: T) =>
  schema
    .refine((m) => m.role === "assistant" || m.toolCalls === undefined, { error: "only assistant messages carry toolCalls", path: ["toolCalls"] })
    .refine((m) => (m.role === "tool") === (m.toolCallId !== undefined), { error: "a tool message needs toolCallId, and only a tool message has one", path: ["toolCallId"] });

export const MessageSchema = withMessageRules(MessageObject);

export const SystemMessageSchema = z
  .string({ error: "System Message must be a string" })
  .max(SYSTEM_MESSAGE_MAX_LENGTH, { error: `System Message must be at most ${SYSTEM_MESSAGE_MAX_LENGTH} characters` })
  .default(DEFAULT_SYSTEM_MESSAGE);

export const ModelIdSchema = z
  .string({ error: "model must be a string" })
  .min(1, { error: "model must not be empty" })
  .max(MAX_MODEL_ID_LENGTH, { error: `model must be at most ${MAX_MODEL_ID_LENGTH} characters` });

/** Per-token log-probabilities with this many alternatives each (OpenAI's top_logprobs allows 0–20). */
export const MAX_TOP_LOGPROBS = 20;

export const ResponseFormatSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ type: z.literal("text") }),
    z.strictObject({ type: z.literal("json_object") }),
    z.strictObject({
      type: z.literal("json_schema"),
      schema: jsonSchemaObject("responseFormat.schema"),
      name: z.optional(functionName),
    }),
  ],
  { error: 'responseFormat.type must be "text", "json_object" or "json_schema"' },
);

export const ToolChoiceSchema = z.union([z.enum(["auto", "none", "required"]), z.strictObject({ name: functionName })], {
  error: 'toolChoice must be "auto", "none", "required" or {"name": …}',
});

export const OptionsSchema = z
  .strictObject(
  {
    tools: z
      .array(FunctionDefinitionSchema, { error: "tools must be a list" })
      .max(MAX_TOOLS, { error: `at most ${MAX_TOOLS} tools` })
      .refine((tools) => new Set(tools.map((t) => t.name)).size === tools.length, { error: "tool names must be unique" })
      .optional(),
    toolChoice: ToolChoiceSchema.optional(),
    responseFormat: ResponseFormatSchema.optional(),
    logprobs: z
      .strictObject({
        top: z
          .number({ error: "logprobs.top must be a number" })
          .int({ error: "logprobs.top must be a whole number" })
          .min(0, { error: "logprobs.top must be at least 0" })
          .max(MAX_TOP_LOGPROBS, { error: `logprobs.top must be at most ${MAX_TOP_LOGPROBS}` }),
      })
      .optional(),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown option: ${issue.keys.join(", ")}` : undefined) },
  )
  .refine((o) => typeof o.toolChoice !== "object" || o.tools?.some((t) => t.name === (o.toolChoice as { name: string }).name), {
    error: "toolChoice names a function that is not in tools",
    path: ["toolChoice"],
  })
  .refine((o) => o.toolChoice === undefined || o.toolChoice === "none" || o.tools?.length, { error: "toolChoice needs tools", path: ["toolChoice"] });

export const ChatBodySchema = z.strictObject({
  systemMessage: SystemMessageSchema,
  messages: z
    .array(MessageSchema, { error: "messages must be a list" })
    .min(1, { error: "messages must not be empty", abort: true })
    .max(MAX_MESSAGES, { error: `at most ${MAX_MESSAGES} messages` })
    // A last assistant message asks to continue that reply (where the upstream can: capabilities.continuation).
    .refine((m) => m.at(-1)?.content.trim() !== "", {
      error: "the last message must be a non-empty user message, or a non-empty assistant reply to continue",
    })
    .refine((m) => m[0]?.role === "user", { error: "the first message must be a user message" })
    .refine(toolResultsAnswerCalls, { error: "every tool message must answer a tool call of the assistant message before it" }),
  params: ParamsSchema.default(ParamsSchema.parse({})),
  options: OptionsSchema.optional(),
  model: ModelIdSchema.optional(),
});

export type ChatBody = z.infer<typeof ChatBodySchema>;

/** Each tool message follows the assistant's calls (or other results of them) and names one of those calls. */
function toolResultsAnswerCalls(messages: readonly { role: string; toolCalls?: { id: string }[]; toolCallId?: string }[]): boolean {
  let open = new Set<string>();
  for (const m of messages) {
    if (m.role === "tool") {
      if (!m.toolCallId || !open.has(m.toolCallId)) return false;
    } else {
      open = new Set(m.role === "assistant" ? (m.toolCalls ?? []).map((c) => c.id) : []);
    }
  }
  return true;
}
