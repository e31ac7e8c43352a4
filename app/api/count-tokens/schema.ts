/** /api/count-tokens: a plain text, or a whole request (system + history + the message being typed). */
import { z } from "zod";
import { MAX_CHAT_BODY_BYTES, MAX_MESSAGES, MessageSchema, SystemMessageSchema } from "@/lib/chat/schema";

/** No more than a chat body could carry. */
const MAX_TEXT_LENGTH = MAX_CHAT_BODY_BYTES;

const TextBodySchema = z.strictObject({
  text: z
    .string({ error: "text must be a string" })
    .max(MAX_TEXT_LENGTH, { error: `text must be at most ${MAX_TEXT_LENGTH} characters` }),
});

const PromptBodySchema = z.strictObject({
  systemMessage: SystemMessageSchema,
  messages: z
    .array(MessageSchema, { error: "messages must be a list" })
    .max(MAX_MESSAGES, { error: `at most ${MAX_MESSAGES} messages can be counted` }),
});

const SHAPE = "Send either { text } or { systemMessage, messages }";

/**
 * The shape is chosen by its fields (`text` means plain text), then validated strictly. A zod union
 * would do the same matching but report any failure as a bare "Invalid input" on no field.
 */
export const CountTokensBodySchema = z.unknown().transform((body, ctx) => {
  const fields = typeof body === "object" && body !== null && !Array.isArray(body) ? body : null;
  const schema = !fields ? null : "text" in fields ? TextBodySchema : "messages" in fields || "systemMessage" in fields ? PromptBodySchema : null;
  if (!schema) {
    ctx.addIssue({ code: "custom", message: SHAPE });
    return z.NEVER;
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  return z.NEVER;
});
