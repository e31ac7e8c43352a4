/**
 * Requests for runs outside the conversation (sample spread, blind A/B): the panel's settings as
 * Send uses them (System Message, model, functions and response format, `{{variables}}` filled),
 * with the run's own parameters, and a message with the conversation before it or on its own.
 * Log-probabilities are not asked for: nothing in these views shows them.
 */
import type { ChatRequestBody } from "../client/chat-stream";
import type { SamplingParams } from "../params";
import { fillRequest } from "../prompts/fill-request";
import { requestOptions, useOutputStore } from "./output-store";
import { useParamsStore } from "./params-store";
import { usePromptSessionStore, variableValues } from "./prompt-session-store";
import { replyRequest, type RequestSettings } from "./reply-request";
import type { UiMessage } from "./ui-message";

/** The panel's settings at this moment, read once when a run starts (later panel changes do not touch it). */
export function panelSettings(): RequestSettings {
  const { systemMessage, params, model } = useParamsStore.getState();
  const options = requestOptions(useOutputStore.getState());
  return { systemMessage, params: { ...params }, ...(model ? { model } : {}), ...(Object.keys(options).length ? { options } : {}) };
}

/** The last user message of a conversation and what came before it (empty when there is none). */
export function lastUserMessage(messages: readonly UiMessage[]): { text: string; earlier: UiMessage[] } {
  const at = messages.findLastIndex((m) => m.role === "user");
  return at < 0 ? { text: "", earlier: [] } : { text: messages[at].content, earlier: messages.slice(0, at) };
}

/** The history a run sends: the earlier messages (when kept) and the message. */
export const runHistory = (earlier: readonly UiMessage[], text: string): UiMessage[] => [...earlier, { id: "run-message", role: "user", content: text }];

/** One request of a run, variables filled as Send fills them (or with `values` given). */
export function runRequest(settings: RequestSettings, params: SamplingParams, history: readonly UiMessage[], values: Readonly<Record<string, string>> = variableValues(usePromptSessionStore.getState())): ChatRequestBody {
  return fillRequest(replyRequest({ ...settings, params }, history), values);
}

/**
 * A sample as a conversation of its own: the history it answered and its reply, which records
 * the settings it was generated with (seed included), as a reply of the chat does.
 */
export function sampleConversation(
  history: readonly UiMessage[],
  reply: { text: string; usage?: { promptTokens: number; completionTokens: number }; finishReason?: string },
  generation: { systemMessage: string; params: SamplingParams; model?: string },
): UiMessage[] {
  const newId = () => crypto.randomUUID();
  const finishReason = ["stop", "length", "tool_calls", "content_filter", "other"].includes(reply.finishReason ?? "") ? (reply.finishReason as UiMessage["finishReason"]) : undefined;
  return [
    ...history.map((m) => ({ ...m, id: newId() })),
    {
      id: newId(),
      role: "assistant",
      content: reply.text,
      state: "done",
      ...(finishReason ? { finishReason } : {}),
      ...(reply.usage ? { usage: reply.usage } : {}),
      generation: { systemMessage: generation.systemMessage, params: generation.params, ...(generation.model ? { model: generation.model } : {}) },
    },
  ];
}
