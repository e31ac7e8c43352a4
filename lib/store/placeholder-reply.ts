/** The assistant message a reply starts as, before anything has streamed into it. */
import { replyShaping } from "../chat/reply-shaping";
import type { RequestSettings } from "./reply-request";
import type { UiMessage } from "./ui-message";

/** The start of a reply to continue (continueFrom): its text and tokens so far, and the token the user picked. */
export type PartialReply = Pick<UiMessage, "content" | "logprobs" | "continuedAt">;

/** Streaming, empty (or `partial`), and carrying what it is generated with. */
export function placeholderReply(id: string, settings: RequestSettings, partial?: PartialReply): UiMessage {
  // What this reply is generated with, kept with it: the server's signature covers exactly this.
  const generation = { systemMessage: settings.systemMessage, params: settings.params, ...(settings.model ? { model: settings.model } : {}) };
  // The format asked for (its JSON badge checks against it) and the functions offered: signed too.
  return { id, role: "assistant", content: "", state: "streaming", generation, ...replyShaping(settings.options), ...partial };
}
