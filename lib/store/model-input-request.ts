/** The request a reply was made with, rebuilt from the conversation: for "Show model input". */
import type { RequestOptions } from "../chat/request";
import { toRequestMessages } from "../chat/request-messages";
import { fillRequest } from "../prompts/fill-request";
import { pathTo } from "../tree/conversation-tree";
import type { MessageTree } from "./conversation-store";

export interface ModelInputRequest {
  systemMessage: string;
  messages: ReturnType<typeof toRequestMessages>;
  options?: Pick<RequestOptions, "tools" | "toolChoice">;
  stop?: string[];
}

/**
 * The messages before the reply, its own system message, functions and stop sequences, with the
 * prompt's {{variables}} filled with `values` (the page's current ones, as View code shows them).
 * Undefined when the reply is not in the tree or has no request to show.
 */
export function modelInputRequest(tree: MessageTree, replyId: string, values: Readonly<Record<string, string>>): ModelInputRequest | undefined {
  const path = pathTo(tree, replyId);
  const reply = path.at(-1);
  if (reply?.role !== "assistant" || path.length < 2) return undefined;
  const filled = fillRequest({ systemMessage: reply.generation?.systemMessage ?? "", messages: toRequestMessages(path.slice(0, -1)) }, values);
  const tools = reply.offeredTools?.tools;
  const stop = reply.generation?.params.stop;
  return {
    ...filled,
    ...(tools?.length ? { options: { tools, ...(reply.offeredTools?.toolChoice ? { toolChoice: reply.offeredTools.toolChoice } : {}) } } : {}),
    ...(stop?.length ? { stop } : {}),
  };
}
