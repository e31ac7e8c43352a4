/**
 * What the file's shape cannot say about its tree: every id it names is a node, parent and
 * children agree, the shown path follows children, and every node hangs from a root (a node that
 * does not is in a cycle). Errors name the path, like the shape's.
 */
import type { ConversationFile } from "./conversation-file";
import { DOTTED_KEY } from "./issue-paths";

type FileTree = ConversationFile["tree"];

/** `tree.nodes.abc` for a plain id (a UUID too), `tree.nodes["abc.1"]` for one with dots (a copy's id). */
export const nodePath = (id: string) => (DOTTED_KEY.test(id) ? `tree.nodes.${id}` : `tree.nodes[${JSON.stringify(id)}]`);

export function treeStructureErrors(tree: FileTree): string[] {
  const errors: string[] = [];
  const has = (id: string) => Object.hasOwn(tree.nodes, id);

  if (!tree.roots.length) errors.push("tree.roots: must hold at least one message");
  tree.roots.forEach((id, i) => {
    if (!has(id)) errors.push(`tree.roots[${i}]: no node "${id}" in tree.nodes`);
    else if (tree.nodes[id].parent !== null) errors.push(`tree.roots[${i}]: "${id}" has a parent, so it is not a root`);
    if (tree.roots.indexOf(id) !== i) errors.push(`tree.roots[${i}]: "${id}" is listed twice`);
  });
  if (tree.activeRoot === undefined) {
    if (tree.roots.length) errors.push("tree.activeRoot: is required (which root the shown path starts at)");
  } else if (!tree.roots.includes(tree.activeRoot)) errors.push(`tree.activeRoot: "${tree.activeRoot}" is not one of tree.roots`);

  for (const [id, node] of Object.entries(tree.nodes)) {
    const at = nodePath(id);
    if (node.parent === null) {
      if (!tree.roots.includes(id)) errors.push(`${at}.parent: null, but "${id}" is not in tree.roots`);
    } else if (!has(node.parent)) errors.push(`${at}.parent: no node "${node.parent}" in tree.nodes`);
    else if (!tree.nodes[node.parent].children.includes(id)) errors.push(`${at}.parent: "${node.parent}" does not list "${id}" among its children`);
    node.children.forEach((child, i) => {
      if (!has(child)) errors.push(`${at}.children[${i}]: no node "${child}" in tree.nodes`);
      else if (tree.nodes[child].parent !== id) errors.push(`${at}.children[${i}]: "${child}" has another parent`);
      if (node.children.indexOf(child) !== i) errors.push(`${at}.children[${i}]: "${child}" is listed twice`);
    });
    if (node.active !== undefined && !node.children.includes(node.active)) errors.push(`${at}.active: "${node.active}" is not one of its children`);
  }
  if (errors.length) return errors;

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
    if (!reached.has(id)) errors.push(`${nodePath(id)}.parent: "${id}" is in a cycle (it is not reached from tree.roots)`);
  }
  return errors;
}
