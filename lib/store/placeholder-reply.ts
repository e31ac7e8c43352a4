/** The assistant message a reply starts as, before anything has streamed into it. */
import type { RequestSettings } from "./reply-request";
import type { UiMessage } from "./ui-message";

/** The start of a reply to continue (continueFrom): its text and tokens so far, and the token the user picked. */
export type PartialReply = Pick<UiMessage, "content" | "logprobs" | "continuedAt">;

/** Streaming, empty (or `partial`), and carrying what it is generated with. */
export function placeholderReply(id: string, settings: RequestSettings, partial?: PartialReply): UiMessage {
  // What this reply is generated with, kept with it: the server's signature covers exactly this.
  const generation = { systemMessage: settings.systemMessage, params: settings.params, ...(settings.model ? { model: settings.model } : {}) };
  // The format asked for, kept with the reply: its JSON badge checks against it.
  const format = settings.options?.responseFormat?.type === "text" ? undefined : settings.options?.responseFormat;
  const tools = settings.options?.tools?.length ? { tools: settings.options.tools, ...(settings.options.toolChoice ? { toolChoice: settings.options.toolChoice } : {}) } : undefined;
  return { id, role: "assistant", content: "", state: "streaming", generation, ...(format ? { format } : {}), ...(tools ? { offeredTools: tools } : {}), ...partial };
}
