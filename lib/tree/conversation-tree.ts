/**
 * A conversation that keeps every branch: each message has a parent and children, and editing a
 * message or regenerating a reply adds a sibling instead of replacing it. Every node remembers
 * which of its children is on the shown path, so switching a message to another version shows that
 * version's whole downstream path as it was left. Pure and immutable: the store holds one tree and
 * shows `pathOf(tree)`; a share keeps one too (lib/shares/snapshot.ts), so this sits below both.
 */

export interface TreeNode<M> {
  message: M;
  parent: string | null;
  /** Oldest first: their order is the "2 / 3" a navigator shows. */
  children: string[];
  /** The child on the shown path; none: the path ends here. */
  active?: string;
}

export interface ConversationTree<M extends { id: string }> {
  nodes: Record<string, TreeNode<M>>;
  /** The first messages: versions of the opening message. */
  roots: string[];
  activeRoot?: string;
}

export const emptyTree = <M extends { id: string }>(): ConversationTree<M> => ({ nodes: {}, roots: [] });

/**
 * The shown path, from the first message. Any tree of this shape will do, with ids in its
 * messages or only as their keys (a share's tree).
 */
export function pathOf<M>(tree: { activeRoot?: string; nodes: Readonly<Record<string, { message: M; active?: string }>> }): M[] {
  const path: M[] = [];
  for (let id = tree.activeRoot; id !== undefined; ) {
    const node: { message: M; active?: string } | undefined = tree.nodes[id];
    if (!node) break;
    path.push(node.message);
    id = node.active;
  }
  return path;
}

/** A tree of one path: a conversation from before branches, a share, an import. */
export function treeOf<M extends { id: string }>(messages: readonly M[]): ConversationTree<M> {
  return followPath(emptyTree<M>(), messages);
}

/**
 * Makes `path` the shown path, ending with its last message. Messages already in the tree at that
 * place are kept (with the given content); the first one that is not starts a new branch there.
 */
export function followPath<M extends { id: string }>(tree: ConversationTree<M>, path: readonly M[]): ConversationTree<M> {
  const nodes = { ...tree.nodes };
  let roots = tree.roots;
  let activeRoot = tree.activeRoot;
  let parent: string | null = null;
  for (const message of path) {
    const known = nodes[message.id];
    let id = message.id;
    if (known && known.parent === parent) {
      nodes[id] = { ...known, message };
    } else {
      // Ids are unique in a tree: a message met under another parent is a copy, kept as one of its own.
      if (known) id = `${message.id}.${Object.keys(nodes).length}`;
      nodes[id] = { message: known ? { ...message, id } : message, parent, children: [] };
      if (parent === null) roots = [...roots, id];
      else nodes[parent] = { ...nodes[parent], children: [...nodes[parent].children, id] };
    }
    if (parent === null) activeRoot = id;
    else nodes[parent] = { ...nodes[parent], active: id };
    parent = id;
  }
  if (parent === null) activeRoot = undefined;
  else {
    const last = { ...nodes[parent] };
    delete last.active;
    nodes[parent] = last;
  }
  return { nodes, roots, ...(activeRoot !== undefined ? { activeRoot } : {}) };
}

/** The tree with `message` (by id) replaced, wherever it is. */
export function updateMessage<M extends { id: string }>(tree: ConversationTree<M>, message: M): ConversationTree<M> {
  const node = tree.nodes[message.id];
  return node ? { ...tree, nodes: { ...tree.nodes, [message.id]: { ...node, message } } } : tree;
}

/** The message's place among its versions (1-based) and how many there are. */
export function versionsOf<M extends { id: string }>(tree: ConversationTree<M>, id: string): { position: number; count: number } {
  const siblings = siblingIds(tree, id);
  return { position: siblings.indexOf(id) + 1, count: siblings.length };
}

/** Shows the version `step` places from the message (−1: previous, +1: next), with that version's own downstream path. */
export function showVersion<M extends { id: string }>(tree: ConversationTree<M>, id: string, step: number): ConversationTree<M> {
  const siblings = siblingIds(tree, id);
  const target = siblings[siblings.indexOf(id) + step];
  if (target === undefined || !siblings.includes(id)) return tree;
  const parent = tree.nodes[id].parent;
  if (parent === null) return { ...tree, activeRoot: target };
  return { ...tree, nodes: { ...tree.nodes, [parent]: { ...tree.nodes[parent], active: target } } };
}

/** The messages from the first to `id` (to copy a branch into a new conversation). */
export function pathTo<M extends { id: string }>(tree: ConversationTree<M>, id: string): M[] {
  const path: M[] = [];
  for (let at: string | null = id; at !== null && tree.nodes[at]; at = tree.nodes[at].parent) path.unshift(tree.nodes[at].message);
  return path;
}

/** How many messages the tree holds, in every branch. */
export const messageCount = <M extends { id: string }>(tree: ConversationTree<M>): number => Object.keys(tree.nodes).length;

/** The tree with every message passed through `change` (e.g. a reply that was streaming becomes stopped). */
export function mapMessages<M extends { id: string }>(tree: ConversationTree<M>, change: (message: M) => M): ConversationTree<M> {
  const nodes: Record<string, TreeNode<M>> = {};
  for (const [id, node] of Object.entries(tree.nodes)) nodes[id] = { ...node, message: change(node.message) };
  return { ...tree, nodes };
}

function siblingIds<M extends { id: string }>(tree: ConversationTree<M>, id: string): readonly string[] {
  const node = tree.nodes[id];
  if (!node) return [];
  return node.parent === null ? tree.roots : (tree.nodes[node.parent]?.children ?? []);
}
