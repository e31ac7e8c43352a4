import type { ProviderInfo } from "@/lib/providers/types";
import { ModelHeader } from "../model-header";
import { AccessGate } from "./access-gate";

/** What a page shows instead of itself when ACCESS_KEYS is set and this browser has no valid code yet. */
export function AccessGatePage({ provider }: { provider: ProviderInfo }) {
  return (
    <main className="mx-auto max-w-6xl space-y-4 px-3 py-4 sm:px-6">
      <ModelHeader provider={provider} />
      <AccessGate />
    </main>
  );
}
