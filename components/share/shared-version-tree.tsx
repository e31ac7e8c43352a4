/**
 * A shared conversation with its other versions: each message rendered here on the server once,
 * the shown path picked in the browser (./shared-versions.tsx). The page's default path is in
 * the server's HTML, so it reads without JavaScript.
 */
import type { ReactNode } from "react";
import type { Prices } from "@/lib/model/pricing";
import type { SharedTree } from "@/lib/shares/snapshot";
import { SharedMessageItem } from "./shared-message";
import { SharedVersionNavigator, SharedVersions, type VersionTree } from "./shared-versions";

export function SharedVersionTree({ tree, prices }: { tree: SharedTree; prices: Prices | null }) {
  const structure: VersionTree = { roots: tree.roots, ...(tree.activeRoot !== undefined ? { activeRoot: tree.activeRoot } : {}), nodes: {} };
  const items: Record<string, ReactNode> = {};
  Object.entries(tree.nodes).forEach(([id, node], i) => {
    structure.nodes[id] = { parent: node.parent, children: node.children, ...(node.active !== undefined ? { active: node.active } : {}), message: { id } };
    const siblings = node.parent === null ? tree.roots : tree.nodes[node.parent].children;
    items[id] = (
      <SharedMessageItem message={node.message} prices={prices} position={i} versions={siblings.length > 1 ? <SharedVersionNavigator id={id} /> : undefined} />
    );
  });
  return <SharedVersions tree={structure} items={items} />;
}
