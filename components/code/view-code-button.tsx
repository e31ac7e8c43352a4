"use client";
import dynamic from "next/dynamic";
import { useState } from "react";
import type { CodeExportContext } from "@/lib/code-export/targets";
import { Dialog } from "../ui/dialog";

// The snippet generators load when the dialog first opens, not with the page.
const ViewCodePanel = dynamic(() => import("./view-code-dialog").then((m) => m.ViewCodePanel), {
  loading: () => <p className="text-sm text-muted">Loading…</p>,
});

export function ViewCodeButton({ context, model }: { context: CodeExportContext; model?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn-quiet" onClick={() => setOpen(true)}>
        View code
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="View code">
        <ViewCodePanel context={context} model={model} />
      </Dialog>
    </>
  );
}
