"use client";
import dynamic from "next/dynamic";
import { useEffect, useState, type ComponentType } from "react";
import { whenIdle } from "@/lib/client/when-idle";
import { usePromptLibraryKind } from "@/lib/hooks/prompt-library-kind";
import { Dialog } from "../ui/dialog";

type Panel = ComponentType<{ onOpened(): void }>;

// The library (storage, import and export, versions and their diff) stays out of the page's first load.
let loaded: Panel | undefined;
const loadPanel = () =>
  import("./prompt-library-panel").then((m) => {
    loaded = m.PromptLibraryPanel;
    return m;
  });
const LoadingPanel: Panel = dynamic(() => loadPanel().then((m) => m.PromptLibraryPanel), {
  loading: () => <p className="text-sm text-muted">Loading…</p>,
});

export function PromptsButton() {
  // The panel to show, chosen when the dialog opens (null: closed). Once its code is loaded (the page
  // loads it when idle) it renders at once: through next/dynamic it would still suspend, and React
  // holds back a Suspense boundary's content for up to 300 ms after its fallback shows.
  const [Panel, setPanel] = useState<Panel | null>(null);
  const kind = usePromptLibraryKind();
  // Its code loaded and its database opened once the page is idle: the first open then only reads the list.
  useEffect(() => whenIdle(() => void loadPanel().then((m) => m.warmPromptLibrary(kind))), [kind]);
  return (
    <>
      <button type="button" className="btn-quiet" onClick={() => setPanel(() => loaded ?? LoadingPanel)}>
        Prompts
      </button>
      <Dialog open={Panel !== null} onClose={() => setPanel(null)} title="Prompt library">
        {Panel ? <Panel onOpened={() => setPanel(null)} /> : null}
      </Dialog>
    </>
  );
}
