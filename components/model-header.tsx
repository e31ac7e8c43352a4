import type { ReactNode } from "react";
import type { ProviderInfo } from "@/lib/providers/types";
import { MODEL } from "@/lib/model/facts";
import { ActiveModelId } from "./active-model-id";
import { CopyButton } from "./ui/copy-button";

/** The model's facts, then a line about the run: what serves now (playground) or what served (share page). */
export function ModelHeader({ provider, nav, children }: { provider?: ProviderInfo; nav?: ReactNode; children?: ReactNode }) {
  return (
    <header className="border-b border-line pb-4">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">{MODEL.title}</h1>
        {nav ? (
          <nav aria-label="Pages" className="text-sm">
            {nav}
          </nav>
        ) : null}
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-muted">
        <span>
          Provider <span className="font-medium text-fg">{MODEL.provider}</span>
        </span>
        <span className="flex items-center gap-2">
          <code className="rounded bg-subtle px-1.5 py-0.5 text-fg">{MODEL.id}</code>
          <CopyButton text={MODEL.id} label="Copy model ID" />
        </span>
        <span>
          Input <span className="font-medium text-fg">${MODEL.inputPricePerMillion.toFixed(2)} / 1M tokens</span>
        </span>
        <span>
          Output <span className="font-medium text-fg">${MODEL.outputPricePerMillion.toFixed(2)} / 1M tokens</span>
        </span>
      </div>
      <p className="mt-2 text-sm" data-testid="upstream">
        {provider ? <ServingNow provider={provider} /> : children}
      </p>
    </header>
  );
}

function ServingNow({ provider }: { provider: ProviderInfo }) {
  return (
    <>
      <span className="text-muted">Serving now: </span>
      <span className="font-medium">{provider.label}</span>
      <span className="text-muted"> · model </span>
      <ActiveModelId configured={provider.model} />
      {provider.modelFile && provider.kind === "local" ? (
        <>
          <span className="text-muted"> · file </span>
          <code>{provider.modelFile}</code>
        </>
      ) : null}
    </>
  );
}
