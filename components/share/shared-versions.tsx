"use client";
/**
 * The shown path of a shared conversation that keeps its other versions. Every message is
 * rendered on the server (./shared-version-tree.tsx) and handed in by id; this island only
 * keeps which version is shown, so the markdown and math code stay on the server. Without
 * JavaScript the page shows the path as shared, with its navigators' positions and the buttons
 * disabled.
 */
import { createContext, Fragment, useContext, useState, useSyncExternalStore, type ReactNode } from "react";
import { pathOf, showVersion, versionsOf, type ConversationTree } from "@/lib/tree/conversation-tree";
import { VersionNavigator } from "../chat/version-navigator";

/** The tree's structure alone: its messages are the rendered items. */
export type VersionTree = ConversationTree<{ id: string }>;

const Versions = createContext<{ tree: VersionTree; interactive: boolean; onStep(id: string, step: number): void } | null>(null);

const noSubscription = () => () => {};
/** False in the server render and before hydration: buttons that cannot work yet are disabled. */
const useHydrated = () => useSyncExternalStore(noSubscription, () => true, () => false);

export function SharedVersions({ tree: shared, items }: { tree: VersionTree; items: Readonly<Record<string, ReactNode>> }) {
  const [tree, setTree] = useState(shared);
  const interactive = useHydrated();
  const onStep = (id: string, step: number) => setTree((current) => showVersion(current, id, step));
  return (
    <Versions value={{ tree, interactive, onStep }}>
      {pathOf(tree).map(({ id }) => (
        <Fragment key={id}>{items[id]}</Fragment>
      ))}
    </Versions>
  );
}

/** Previous / Next version for one message, inside its server-rendered item. */
export function SharedVersionNavigator({ id }: { id: string }) {
  const versions = useContext(Versions);
  if (!versions) return null;
  const { position, count } = versionsOf(versions.tree, id);
  return <VersionNavigator id={id} position={position} count={count} disabled={!versions.interactive} onStep={versions.onStep} />;
}
