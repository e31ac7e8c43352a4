/** /api/model-input: the request a reply was made with (its settings and the messages before it). */
import { z } from "zod";
import { MAX_MESSAGES, MessageSchema, OptionsSchema, SystemMessageSchema } from "@/lib/chat/schema";

export const ModelInputBodySchema = z.strictObject({
  systemMessage: SystemMessageSchema,
  messages: z
    .array(MessageSchema, { error: "messages must be a list" })
    .min(1, { error: "messages must not be empty" })
    .max(MAX_MESSAGES, { error: `at most ${MAX_MESSAGES} messages` }),
  options: OptionsSchema.optional(),
  stop: z.array(z.string({ error: "stop must be a list of texts" }), { error: "stop must be a list of texts" }).max(16, { error: "at most 16 stop sequences" }).optional(),
});
