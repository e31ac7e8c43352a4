"use client";
import type { TokenLogprob } from "@/lib/chat/events";
import { useCapabilities } from "@/lib/hooks/use-models";
import { useParamsStore } from "@/lib/store/params-store";
import { PopoverPanel } from "../ui/popover-panel";
import { TokenCandidates } from "./token-candidates";
import { visibleToken } from "./token-label";

interface Props {
  index: number;
  entry: TokenLogprob;
  /** What the reply was sampled with. */
  sampledWith?: { temperature: number; topP: number };
  continueBlocked?: string;
  onClose(): void;
  onContinue(alternative: { token: string; logprob: number }): void;
}

/** The candidates of one token in a dialog, at the panel's live Temperature and Top P (they update as the sliders move). */
export function TokenCandidatesDialog({ index, entry, sampledWith, continueBlocked, onClose, onContinue }: Props) {
  const temperature = useParamsStore((s) => s.params.temperature);
  const topP = useParamsStore((s) => s.params.topP);
  const capabilities = useCapabilities();
  // The panel's Top K where the upstream takes it, else the sampler's own (the engine's default).
  const panelTopK = useParamsStore((s) => s.params.topK);
  const topK = capabilities?.topK && panelTopK !== undefined ? panelTopK : capabilities?.samplerTopK;
  const blocked = capabilities?.continuation === false ? "This upstream cannot continue a reply from a chosen token." : continueBlocked;
  const differs = sampledWith && (sampledWith.temperature !== temperature || sampledWith.topP !== topP);
  return (
    <PopoverPanel onClose={onClose} title={`Token ${index + 1}: ${visibleToken(entry.token)}`}>
      <TokenCandidates
        entry={entry}
        temperature={temperature}
        topP={topP}
        topK={topK}
        sampledWith={differs ? sampledWith : undefined}
        continueBlocked={blocked}
        onContinue={onContinue}
      />
    </PopoverPanel>
  );
}
