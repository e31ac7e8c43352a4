/** /api/count-tokens: a plain text, or a whole request (system + history + the message being typed). */
import { z } from "zod";
import { MAX_MESSAGES, MessageSchema, SystemMessageSchema } from "@/lib/chat/schema";

export const CountTokensBodySchema = z.union([
  z.strictObject({ text: z.string().max(1_000_000) }),
  z.strictObject({
    systemMessage: SystemMessageSchema,
    messages: z.array(MessageSchema).max(MAX_MESSAGES),
  }),
]);
