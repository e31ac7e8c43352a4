/**
 * The two API dialects' request bodies, built from one ChatRequest. The OpenAI-compatible provider
 * sends the first; the code export prints both, so a snippet sends what the playground sends.
 */
import { mergeConsecutiveRoles } from "../engine/mixtral-prompt";
import { toAnthropicFields, toUpstreamFields } from "../params";
import type { ChatRequest } from "./types";

export function openAiChatBody(request: ChatRequest, model: string, stream: boolean): Record<string, unknown> {
  return {
    model,
    messages: [...(request.systemMessage.trim() ? [{ role: "system", content: request.systemMessage }] : []), ...request.messages],
    ...toUpstreamFields(request.params),
    stream,
    // Usage in the stream, where the server supports it (others ignore the field).
    ...(stream ? { stream_options: { include_usage: true } } : {}),
  };
}

/** Anthropic Messages: the system message in `system`, roles alternating, that API's ranges. */
export function anthropicMessagesBody(request: ChatRequest, model: string, stream: boolean): Record<string, unknown> {
  return {
    model,
    ...(request.systemMessage.trim() ? { system: request.systemMessage } : {}),
    messages: mergeConsecutiveRoles(request.messages),
    ...toAnthropicFields(request.params),
    stream,
  };
}
