"use client";
/**
 * Between the playground and a saved prompt: what Save takes from the page (the System Message,
 * the conversation and the draft, every parameter, functions and format, the model, the variables'
 * settings), and what Open puts back.
 */
import { toRequestMessages } from "../chat/request-messages";
import type { ChatMessage } from "../chat/request";
import { requestVariables } from "../prompts/fill-request";
import type { Prompt, PromptContent, PromptVersion } from "../prompts/prompt";
import type { ConversationStore } from "./conversation-store";
import { requestOptions, useOutputStore } from "./output-store";
import { useParamsStore } from "./params-store";
import { specOf, usePromptSessionStore } from "./prompt-session-store";
import type { UiMessage } from "./ui-message";

/** The page as a prompt's content. A draft in the composer is kept as the last user turn (a template turn). */
export function currentPromptContent(conversation: readonly UiMessage[]): PromptContent {
  const { systemMessage, params, model } = useParamsStore.getState();
  const { specs, draft } = usePromptSessionStore.getState();
  const options = requestOptions(useOutputStore.getState());
  const messages: ChatMessage[] = toRequestMessages(conversation);
  if (draft.trim()) messages.push({ role: "user", content: draft });
  const variables = requestVariables({ systemMessage, messages }).map((name) => specOf(specs, name));
  return { systemMessage, messages, params: { ...params }, ...(Object.keys(options).length ? { options } : {}), ...(model ? { model } : {}), variables };
}

/** Puts a version in the page: a last user turn goes to the composer, the turns before it into the conversation. */
export function openPromptVersion(prompt: Prompt, version: PromptVersion, conversation: ConversationStore): void {
  const params = useParamsStore.getState();
  params.load(version.systemMessage, version.params);
  params.setModel(version.model);
  useOutputStore.getState().load(version.options);
  const last = version.messages.at(-1);
  const turns = last?.role === "user" ? version.messages.slice(0, -1) : version.messages;
  conversation.getState().load(turns.map(toUiMessage));
  const session = usePromptSessionStore.getState();
  session.loadVariables(version.variables);
  session.setDraft(last?.role === "user" ? last.content : "");
  session.setOpened({ id: prompt.id, name: prompt.name, version: version.version });
}

function toUiMessage(message: ChatMessage): UiMessage {
  const base = { id: crypto.randomUUID(), role: message.role, content: message.content, ...(message.toolCallId ? { toolCallId: message.toolCallId } : {}) };
  return message.role === "assistant" ? { ...base, state: "done", ...(message.toolCalls?.length ? { toolCalls: message.toolCalls } : {}) } : base;
}
