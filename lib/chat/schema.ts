/**
 * The chat request's zod schema, derived from the one parameter table in lib/params.ts. Every
 * route that accepts a chat (/api/chat, /api/v1) validates through it, with the same limits.
 */
import { z } from "zod";
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

export const MessageSchema = z.strictObject({
  role: z.enum(["user", "assistant"], { error: "role must be \"user\" or \"assistant\"" }),
  content: z
    .string({ error: "content must be a string" })
    .max(MAX_MESSAGE_LENGTH, { error: `content must be at most ${MAX_MESSAGE_LENGTH} characters` }),
});

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

export const OptionsSchema = z.strictObject(
  {
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
);

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
    .refine((m) => m[0]?.role === "user", { error: "the first message must be a user message" }),
  params: ParamsSchema.default(ParamsSchema.parse({})),
  options: OptionsSchema.optional(),
  model: ModelIdSchema.optional(),
});

export type ChatBody = z.infer<typeof ChatBodySchema>;
