/** /api/count-tokens: a plain text, or a whole request (system + history + the message being typed). */
import { z } from "zod";
import { MAX_CHAT_BODY_BYTES, MAX_MESSAGES, MessageSchema, SystemMessageSchema } from "@/lib/chat/schema";

export const CountTokensBodySchema = z.union([
  z.strictObject({ text: z.string().max(MAX_CHAT_BODY_BYTES, { error: `text must be at most ${MAX_CHAT_BODY_BYTES} characters` }) }),
  z.strictObject({
    systemMessage: SystemMessageSchema,
    messages: z.array(MessageSchema).max(MAX_MESSAGES),
  }),
]);
