/** Browser side of /api/count-tokens. */
import type { ChatMessage } from "../providers/types";
import { requestJson } from "./json-api";

export const countRequestTokens = (body: { systemMessage: string; messages: ChatMessage[] }, signal?: AbortSignal) =>
  requestJson<{ promptTokens: number; contextWindow: number }>("/api/count-tokens", { method: "POST", body, signal });
