"use client";
import dynamic from "next/dynamic";
import { useEffect, useMemo, useState, type ComponentType } from "react";
import { whenIdle } from "@/lib/client/when-idle";
import { Dialog } from "./dialog";

/** A dialog's content; `onDone` closes the dialog (e.g. after opening something into the page). */
export type LazyPanel = ComponentType<{ onDone(): void }>;

/**
 * A button opening a dialog whose content's code stays out of the page's first load. The code
 * loads once the page is idle (then `warm` runs, e.g. to open a database), and once loaded the
 * content renders at once: through next/dynamic alone it would still suspend, and React holds a
 * Suspense boundary's content back for up to 300 ms after its fallback shows.
 */
export function LazyDialogButton({ label, title, load, warm, disabled }: { label: string; title: string; load(): Promise<LazyPanel>; warm?(): void; disabled?: boolean }) {
  const lazy = useMemo(() => {
    const state: { loaded?: LazyPanel } = {};
    const loading = () => load().then((panel) => (state.loaded = panel));
    const Loading: LazyPanel = dynamic(loading, { loading: () => <p className="text-sm text-muted">Loading…</p> });
    return { state, loading, Loading };
    // `load` is a module-level function at every call site.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const [Panel, setPanel] = useState<LazyPanel | null>(null);
  useEffect(() => whenIdle(() => void lazy.loading().then(() => warm?.())), [lazy, warm]);
  return (
    <>
      <button type="button" className="btn-quiet" disabled={disabled} onClick={() => setPanel(() => lazy.state.loaded ?? lazy.Loading)}>
        {label}
      </button>
      <Dialog open={Panel !== null} onClose={() => setPanel(null)} title={title}>
        {Panel ? <Panel onDone={() => setPanel(null)} /> : null}
      </Dialog>
    </>
  );
}
