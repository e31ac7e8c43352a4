/**
 * Which replies of a shared conversation this server really generated: each assistant message's
 * signature is checked against its text, the settings it carries and the history before it, the
 * same history the playground sent (toRequestMessages). The client's own `verified` is never
 * trusted; anything unsigned, edited or signed elsewhere comes out `verified: false`.
 */
import type { SignedGeneration } from "../../signing/reply-signature";
import { toRequestMessages } from "../../chat/request-messages";
import type { SharedMessage } from "../snapshot";

export type VerifyReply = (generation: SignedGeneration, signature: string) => boolean;

export function withVerifiedReplies(messages: readonly SharedMessage[], servingModel: string, verify: VerifyReply): SharedMessage[] {
  return messages.map((message, i) => {
    if (message.role !== "assistant") return { ...message, verified: undefined };
    const { signature, generation } = message;
    const verified =
      !!signature &&
      !!generation &&
      verify(
        {
          model: generation.model ?? servingModel,
          systemMessage: generation.systemMessage,
          params: generation.params,
          messages: toRequestMessages(messages.slice(0, i)),
          reply: message.content,
          ...(message.toolCalls?.length ? { toolCalls: message.toolCalls } : {}),
        },
        signature,
      );
    return { ...message, verified };
  });
}
