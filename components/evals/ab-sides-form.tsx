"use client";
import { useId } from "react";
import type { OpenPrompt } from "@/lib/hooks/use-open-prompt";
import type { SamplingParams } from "@/lib/params";
import type { AbMode } from "@/lib/store/ab-request";
import { AbSettingsForm } from "./ab-settings-form";
import { AbVersionFields } from "./ab-version-fields";

const MODES: { mode: AbMode; label: string }[] = [
  { mode: "settings", label: "Settings" },
  { mode: "versions", label: "Prompt versions" },
];

/** What the two sides are: two settings (the panel's and an edited copy) or two saved versions of the open prompt. */
export function AbSidesForm({
  mode,
  onMode,
  panel,
  edited,
  onEdited,
  open,
  picked,
  onPicked,
}: {
  mode: AbMode;
  onMode(mode: AbMode): void;
  panel: SamplingParams;
  edited: SamplingParams;
  onEdited(params: SamplingParams): void;
  open: OpenPrompt;
  picked: readonly [number, number] | null;
  onPicked(pair: [number, number]): void;
}) {
  const id = useId();
  return (
    <div className="space-y-2">
      <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <legend className="mb-1 font-medium">Compare</legend>
        {MODES.map((m) => (
          <label key={m.mode} className="flex items-center gap-1.5">
            <input type="radio" name={`${id}-mode`} value={m.mode} checked={mode === m.mode} onChange={() => onMode(m.mode)} />
            <span>{m.label}</span>
          </label>
        ))}
      </fieldset>
      {mode === "settings" ? <AbSettingsForm panel={panel} edited={edited} onEdited={onEdited} disabled={false} /> : <AbVersionFields open={open} picked={picked} onPicked={onPicked} />}
    </div>
  );
}
