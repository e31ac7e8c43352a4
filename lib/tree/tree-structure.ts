/**
 * What a shape cannot say about a tree read from outside (a conversation file, a share): every id
 * it names is a node, parent and children agree, the shown path follows children, and every node
 * hangs from a root (a node that does not is in a cycle). Only the structure is read, so a file's
 * nodes and a share's both pass. Issues carry a path below the tree (["nodes", id, "parent"]);
 * each reader puts its own name in front.
 */

/** Node ids: what the playground makes (UUIDs, and `uuid.3` for copies), bounded. Starting with a letter or digit keeps `__proto__` out. */
export const NODE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
export const NODE_ID_RULE = "must be an id of 1 to 128 letters, digits, _ . : or -, starting with a letter or digit";

export interface TreeShape {
  roots: readonly string[];
  activeRoot?: string;
  nodes: Readonly<Record<string, { parent: string | null; children: readonly string[]; active?: string }>>;
}

export interface TreeIssue {
  /** Below the tree: ["roots", 0], ["nodes", "abc", "children", 1]. */
  path: (string | number)[];
  message: string;
}

export function treeStructureIssues(tree: TreeShape): TreeIssue[] {
  const issues: TreeIssue[] = [];
  const fault = (path: TreeIssue["path"], message: string) => issues.push({ path, message });
  const has = (id: string) => Object.hasOwn(tree.nodes, id);
  // Sets, not list searches: a share's tree comes from anyone, and this stays linear in its size.
  const roots = new Set<string>();
  const childSets = new Map<string, Set<string>>();
  const childrenOf = (id: string) => childSets.get(id) ?? childSets.set(id, new Set(tree.nodes[id].children)).get(id)!;

  if (!tree.roots.length) fault(["roots"], "must hold at least one message");
  tree.roots.forEach((id, i) => {
    if (!has(id)) fault(["roots", i], `no node "${id}" in tree.nodes`);
    else if (tree.nodes[id].parent !== null) fault(["roots", i], `"${id}" has a parent, so it is not a root`);
    if (roots.has(id)) fault(["roots", i], `"${id}" is listed twice`);
    roots.add(id);
  });
  if (tree.activeRoot === undefined) {
    if (tree.roots.length) fault(["activeRoot"], "is required (which root the shown path starts at)");
  } else if (!roots.has(tree.activeRoot)) fault(["activeRoot"], `"${tree.activeRoot}" is not one of tree.roots`);

  for (const [id, node] of Object.entries(tree.nodes)) {
    if (node.parent === null) {
      if (!roots.has(id)) fault(["nodes", id, "parent"], `null, but "${id}" is not in tree.roots`);
    } else if (!has(node.parent)) fault(["nodes", id, "parent"], `no node "${node.parent}" in tree.nodes`);
    else if (!childrenOf(node.parent).has(id)) fault(["nodes", id, "parent"], `"${node.parent}" does not list "${id}" among its children`);
    const seen = new Set<string>();
    node.children.forEach((child, i) => {
      if (!has(child)) fault(["nodes", id, "children", i], `no node "${child}" in tree.nodes`);
      else if (tree.nodes[child].parent !== id) fault(["nodes", id, "children", i], `"${child}" has another parent`);
      if (seen.has(child)) fault(["nodes", id, "children", i], `"${child}" is listed twice`);
      seen.add(child);
    });
    if (node.active !== undefined && !seen.has(node.active)) fault(["nodes", id, "active"], `"${node.active}" is not one of its children`);
  }
  if (issues.length) return issues;

  // With parents and children agreeing, a node not reached from the roots sits in a cycle.
  const reached = new Set<string>();
  const pending = [...tree.roots];
  while (pending.length) {
    const id = pending.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    pending.push(...tree.nodes[id].children);
  }
  for (const id of Object.keys(tree.nodes)) {
    if (!reached.has(id)) fault(["nodes", id, "parent"], `"${id}" is in a cycle (it is not reached from tree.roots)`);
  }
  return issues;
}

/** The most messages on one path from a root to a leaf. Only for a tree without structure issues (a cycle would never end). */
export function longestPath(tree: TreeShape): number {
  let longest = 0;
  let level = [...tree.roots];
  while (level.length) {
    longest++;
    level = level.flatMap((id) => tree.nodes[id].children);
  }
  return longest;
}
