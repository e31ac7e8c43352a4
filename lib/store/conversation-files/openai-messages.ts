/**
 * "Copy as messages": the shown path as OpenAI's `messages` array, exactly as the
 * OpenAI-compatible provider would send it (the same mapping), system message first when set.
 */
import { toRequestMessages } from "../../chat/request-messages";
import { openAiChatBody } from "../../dialects/openai/request";
import { DEFAULT_PARAMS } from "../../params";
import type { UiMessage } from "../ui-message";

export function openAiMessagesOf(systemMessage: string, path: readonly UiMessage[]): unknown[] {
  // Only `messages` is read from the body: the parameters and model do not matter here.
  const body = openAiChatBody({ systemMessage, messages: toRequestMessages(path), params: DEFAULT_PARAMS }, "", false);
  return body.messages as unknown[];
}

export const openAiMessagesText = (systemMessage: string, path: readonly UiMessage[]): string => JSON.stringify(openAiMessagesOf(systemMessage, path), null, 2);
