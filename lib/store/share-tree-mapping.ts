/**
 * A conversation's whole tree as a share keeps it, and back. Loaded only when a link includes the
 * other versions or opens with them, so the playground's first load does not carry it.
 */
import type { MessageTree, UiMessage } from "./conversation-store";
import { fitLogprobs } from "../shares/shared-logprobs";
import type { SharedMessage, SharedTree } from "../shares/snapshot";
import { pathOf } from "../tree/conversation-tree";
import { fromSharedMessage, keptInShare, toSharedMessage } from "./share-mapping";

/**
 * The whole tree as a share keeps it, and its shown path (`messages`, taken from the tree so the
 * two agree exactly, probabilities included). A reply left out (keptInShare) hands its versions
 * below to its parent. Ids are renumbered m1, m2… in reading order: the browser's own ids say
 * nothing to a reader, and equal content then makes an equal share (one link, deduped).
 */
export function toSharedConversation(tree: MessageTree): { messages: SharedMessage[]; tree: SharedTree } {
  const order: UiMessage[] = [];
  const newIds = new Map<string, string>();
  /** The kept messages at these places: a left-out one is replaced by its own children. */
  const kept = (ids: readonly string[]): string[] => ids.flatMap((id) => (keptInShare(tree.nodes[id].message) ? [id] : kept(tree.nodes[id].children)));
  /** The shown one from `id` down: a left-out one passes on to its own shown child. */
  const shown = (id: string | undefined): string | undefined => {
    while (id !== undefined && !keptInShare(tree.nodes[id].message)) id = tree.nodes[id].active;
    return id;
  };
  const visit = (id: string) => {
    newIds.set(id, `m${newIds.size + 1}`);
    order.push(tree.nodes[id].message);
    kept(tree.nodes[id].children).forEach(visit);
  };
  const roots = kept(tree.roots);
  roots.forEach(visit);

  // The shown path is written twice (`messages` and the tree): its probabilities count twice against the budget.
  const onPath = new Set(pathOf(tree).map((m) => m.id));
  const messages = fitLogprobs(order.map(toSharedMessage), undefined, (i) => (onPath.has(order[i].id) ? 2 : 1));
  const nodes: SharedTree["nodes"] = {};
  const rename = (id: string) => newIds.get(id)!;
  order.forEach((message, i) => {
    const node = tree.nodes[message.id];
    const active = shown(node.active);
    nodes[rename(message.id)] = {
      parent: null,
      children: kept(node.children).map(rename),
      ...(active !== undefined ? { active: rename(active) } : {}),
      message: messages[i],
    };
  });
  for (const [id, node] of Object.entries(nodes)) for (const child of node.children) nodes[child].parent = id;
  const activeRoot = shown(tree.activeRoot);
  const shared: SharedTree = { roots: roots.map(rename), ...(activeRoot !== undefined ? { activeRoot: rename(activeRoot) } : {}), nodes };
  return { messages: pathOf(shared), tree: shared };
}

/** A shared tree as the store keeps it, every version with a new id (the copy is a conversation of its own). */
export function fromSharedTree(tree: SharedTree, newId: () => string): MessageTree {
  const ids = new Map(Object.keys(tree.nodes).map((id) => [id, newId()]));
  const to = (id: string) => ids.get(id)!;
  const nodes: MessageTree["nodes"] = {};
  for (const [id, node] of Object.entries(tree.nodes)) {
    nodes[to(id)] = {
      parent: node.parent === null ? null : to(node.parent),
      children: node.children.map(to),
      ...(node.active !== undefined ? { active: to(node.active) } : {}),
      message: fromSharedMessage(node.message, to(id)),
    };
  }
  return { nodes, roots: tree.roots.map(to), ...(tree.activeRoot !== undefined ? { activeRoot: to(tree.activeRoot) } : {}) };
}
