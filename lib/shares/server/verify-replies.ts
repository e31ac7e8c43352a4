/**
 * Which replies of a shared conversation this server really generated: each assistant message's
 * signature is checked against its text, the settings it carries and the history before it, the
 * same history the playground sent (toRequestMessages). The client's own `verified` is never
 * trusted; anything unsigned, edited or signed elsewhere comes out `verified: false`.
 */
import type { SignedGeneration } from "../../signing/reply-signature";
import { toRequestMessages } from "../../chat/request-messages";
import type { SharedMessage, SharedTree } from "../snapshot";

export type VerifyReply = (generation: SignedGeneration, signature: string) => boolean;

/** The message with `verified` set by this server: for a reply, whether it was signed here after `history`. */
function verifiedAfter(history: readonly SharedMessage[], message: SharedMessage, servingModel: string, verify: VerifyReply): SharedMessage {
  if (message.role !== "assistant") return { ...message, verified: undefined };
  const { signature, generation } = message;
  const verified =
    !!signature &&
    !!generation &&
    verify(
      {
        model: generation.model ?? servingModel,
        systemMessage: generation.systemMessage,
        params: generation.params,
        messages: toRequestMessages(history),
        reply: message.content,
        ...(message.toolCalls?.length ? { toolCalls: message.toolCalls } : {}),
        ...(message.format ? { format: message.format } : {}),
        ...(message.offeredTools ? { offeredTools: message.offeredTools } : {}),
      },
      signature,
    );
  return { ...message, verified };
}

export function withVerifiedReplies(messages: readonly SharedMessage[], servingModel: string, verify: VerifyReply): SharedMessage[] {
  return messages.map((message, i) => verifiedAfter(messages.slice(0, i), message, servingModel, verify));
}

/**
 * Every message of a shared tree, each reply checked against the path from the first message to
 * it: in another version, the history it was asked with is that version's own. The tree's
 * structure was checked by its schema (no cycles, at most MAX_MESSAGES deep).
 */
export function withVerifiedTree(tree: SharedTree, servingModel: string, verify: VerifyReply): SharedTree {
  const nodes: SharedTree["nodes"] = {};
  // Depth first, carrying the path above: each history is built once, not walked up per node.
  const path: SharedMessage[] = [];
  const visit = (id: string) => {
    const node = tree.nodes[id];
    nodes[id] = { ...node, message: verifiedAfter(path, node.message, servingModel, verify) };
    path.push(node.message);
    node.children.forEach(visit);
    path.pop();
  };
  tree.roots.forEach(visit);
  return { ...tree, nodes };
}
