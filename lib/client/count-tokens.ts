/** Browser side of /api/count-tokens. */
import type { ChatMessage } from "../chat/request";
import type { Usage } from "../chat/events";
import { requestJson } from "./json-api";

export const countRequestTokens = (body: { systemMessage: string; messages: ChatMessage[] }, signal?: AbortSignal) =>
  requestJson<{ promptTokens: number; contextWindow: number }>("/api/count-tokens", { method: "POST", body, signal });

/** Usage of a finished reply whose upstream sent none: the prompt it was sent with, and its text. */
export async function countUsage(request: { systemMessage: string; messages: ChatMessage[] }, replyText: string): Promise<Usage> {
  const [prompt, completion] = await Promise.all([
    countRequestTokens(request),
    requestJson<{ tokens: number }>("/api/count-tokens", { method: "POST", body: { text: replyText } }),
  ]);
  return { promptTokens: prompt.promptTokens, completionTokens: completion.tokens };
}
