/**
 * ChatRequest → an Anthropic Messages body: the system message in `system`, roles alternating,
 * that API's ranges. The code export prints it; the Anthropic upstream (a later issue) sends it.
 */
import { mergeConsecutiveRoles } from "../../chat/mixtral-template";
import type { ChatRequest } from "../../chat/request";
import { toAnthropicFields } from "../../params";

export function anthropicMessagesBody(request: ChatRequest, model: string, stream: boolean): Record<string, unknown> {
  return {
    model,
    ...(request.systemMessage.trim() ? { system: request.systemMessage } : {}),
    messages: mergeConsecutiveRoles(request.messages),
    ...toAnthropicFields(request.params),
    stream,
  };
}
