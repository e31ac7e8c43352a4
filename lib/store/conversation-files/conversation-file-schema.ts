/**
 * The conversation file's shape, in zod/mini: its functions are tree-shaken, and this module is
 * reached only from the import step (loaded when a file is picked), never from the page's first
 * load. The structure a shape cannot say (ids that point at nodes, no cycles) is checked in
 * lib/tree/tree-structure.ts (shares check theirs there too). Every check names its own message
 * (zod/mini loads no locale); the path is put in front of it by ./read-conversation-file.ts. docs/conversation-file.schema.json is
 * generated from ConversationFileSchema (a test keeps them equal).
 */
import * as z from "zod/mini";
import { FunctionDefinitionSchema } from "../../chat/function-schema";
import { ADVANCED_NUMERIC_PARAMS, NUMERIC_PARAMS, SEED_PARAM, STOP_PARAM, SYSTEM_MESSAGE_MAX_LENGTH } from "../../params";
import { NODE_ID, NODE_ID_RULE } from "../../tree/tree-structure";
import { CONVERSATION_FILE_CAPS, CONVERSATION_FILE_FORMAT, CONVERSATION_FILE_VERSION } from "./conversation-file";

const missingOr = (message: string) => (issue: { input?: unknown }) => (issue.input === undefined ? "is required" : message);

export const text = () => z.string({ error: missingOr("must be a string") });
const count = () => z.int({ error: missingOr("must be a whole number") }).check(z.gte(0, { error: "must be at least 0" }));
const num = () => z.number({ error: missingOr("must be a number") });
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: missingOr(`must be one of ${values.join(", ")}`) });
const list = <T extends z.core.SomeType>(item: T) => z.array(item, { error: missingOr("must be a list") });

/** An object with exactly these fields: an unknown one is named (a typo would otherwise be dropped silently). */
export const exactObject = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}` : missingOr("must be an object")(issue),
  });

const nodeId = () => text().check(z.regex(NODE_ID, { error: NODE_ID_RULE }));

/** Within the parameter table's ranges: the panel loads these as they are. */
const inRange = (p: { min: number; max: number; integer: boolean }) =>
  (p.integer ? z.int({ error: missingOr("must be a whole number") }) : num()).check(
    z.gte(p.min, { error: `must be at least ${p.min}` }),
    z.lte(p.max, { error: `must be at most ${p.max}` }),
  );

export const ParamsFileSchema = exactObject({
  ...(Object.fromEntries(NUMERIC_PARAMS.map((p) => [p.key, inRange(p)])) as Record<(typeof NUMERIC_PARAMS)[number]["key"], ReturnType<typeof inRange>>),
  seed: z.optional(inRange({ ...SEED_PARAM, integer: true })),
  ...(Object.fromEntries(ADVANCED_NUMERIC_PARAMS.map((p) => [p.key, z.optional(inRange(p))])) as Record<(typeof ADVANCED_NUMERIC_PARAMS)[number]["key"], z.ZodMiniOptional<ReturnType<typeof inRange>>>),
  stop: z.optional(
    list(text().check(z.minLength(1, { error: "must not be empty" }), z.maxLength(STOP_PARAM.maxLength, { error: `must be at most ${STOP_PARAM.maxLength} characters` }))).check(
      z.maxLength(STOP_PARAM.maxCount, { error: `at most ${STOP_PARAM.maxCount} stop sequences` }),
    ),
  ),
});

const systemMessage = () => text().check(z.maxLength(SYSTEM_MESSAGE_MAX_LENGTH, { error: `must be at most ${SYSTEM_MESSAGE_MAX_LENGTH.toLocaleString("en-US")} characters` }));
const modelId = () => text().check(z.minLength(1, { error: "must not be empty" }), z.maxLength(200, { error: "must be at most 200 characters" }));

const alternative = exactObject({ token: text(), logprob: num() });

const FINISH_REASONS = ["stop", "length", "tool_calls", "content_filter", "abort", "other"] as const;
const ERROR_CODES = [
  "bad_request", "invalid_key", "out_of_credits", "forbidden", "rate_limited", "upstream_unavailable", "upstream_unreachable", "timeout",
  "connection_dropped", "malformed_stream", "upstream_error", "engine_error", "invalid_request", "context_length_exceeded", "network_error",
] as const;

export const FileMessageSchema = exactObject({
  role: oneOf(["user", "assistant", "tool"]),
  content: text(),
  toolCallId: z.optional(text()),
  // No "streaming": a file is a snapshot, and export writes a reply still streaming as stopped.
  state: z.optional(oneOf(["done", "stopped", "error"])),
  finishReason: z.optional(oneOf(FINISH_REASONS)),
  signature: z.optional(text()),
  generation: z.optional(exactObject({ systemMessage: systemMessage(), params: ParamsFileSchema, model: z.optional(modelId()) })),
  offeredTools: z.optional(
    exactObject({
      tools: z.optional(list(FunctionDefinitionSchema)),
      toolChoice: z.optional(z.union([oneOf(["auto", "none", "required"]), exactObject({ name: text() })], { error: 'must be "auto", "none", "required" or { "name": … }' })),
    }),
  ),
  error: z.optional(exactObject({ code: oneOf(ERROR_CODES), message: text() })),
  usage: z.optional(exactObject({ promptTokens: count(), completionTokens: count() })),
  toolCalls: z.optional(list(exactObject({ id: z.optional(text()), name: text(), arguments: text() }))),
  warnings: z.optional(list(exactObject({ setting: text(), message: text() }))),
  logprobs: z.optional(list(exactObject({ token: text(), logprob: num(), top: z.optional(list(alternative)), tail: z.optional(list(num())) }))),
  format: z.optional(
    z.union([exactObject({ type: z.literal("json_object") }), exactObject({ type: z.literal("json_schema"), schema: z.record(z.string(), z.unknown()), name: z.optional(text()) })], {
      error: 'must be { "type": "json_object" } or { "type": "json_schema", "schema": {…} }',
    }),
  ),
  continuedAt: z.optional(count()),
  metrics: z.optional(exactObject({ timeToFirstTokenMs: num(), totalMs: num(), tokensPerSecond: z.optional(num()) })),
});

export const FileNodeSchema = exactObject({
  parent: z.nullable(nodeId()),
  children: list(nodeId()),
  active: z.optional(nodeId()),
  message: FileMessageSchema,
});

export const ConversationFileSchema = exactObject({
  $schema: z.optional(text()),
  format: z.literal(CONVERSATION_FILE_FORMAT, { error: `must be "${CONVERSATION_FILE_FORMAT}"` }),
  version: z.literal(CONVERSATION_FILE_VERSION, { error: `must be ${CONVERSATION_FILE_VERSION} (this playground reads version ${CONVERSATION_FILE_VERSION})` }),
  exportedAt: text(),
  title: text().check(z.maxLength(CONVERSATION_FILE_CAPS.titleLength, { error: `must be at most ${CONVERSATION_FILE_CAPS.titleLength} characters` })),
  model: z.optional(modelId()),
  systemMessage: systemMessage(),
  params: ParamsFileSchema,
  tree: exactObject({
    roots: list(nodeId()),
    activeRoot: z.optional(nodeId()),
    nodes: z.record(nodeId(), FileNodeSchema, {
      // A bad key is reported by the record itself, at the key's path.
      error: (issue) => (issue.code === "invalid_key" ? NODE_ID_RULE : missingOr("must be an object of nodes by id")(issue)),
    }),
  }),
});

/** The published JSON Schema (docs/conversation-file.schema.json). */
export function conversationFileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ConversationFileSchema),
    title: "Mixtral playground conversation file",
    description: "A conversation with every branch, its settings and each reply's settings, usage, metrics and tool calls. Ids in children, parent, active, roots and activeRoot must name nodes, without cycles.",
  };
}
