"use client";
import { useId } from "react";
import { MAX_COLUMNS, MIN_COLUMNS } from "@/lib/compare/sweep";
import { MAX_SAMPLES, MIN_SAMPLES } from "@/lib/evals/spread-plan";
import { NUMERIC_PARAMS, type NumericParamKey } from "@/lib/params";

/** What the form holds; numbers as typed, read when the run starts (so "0." can be typed). */
export interface SpreadSetup {
  samples: string;
  mode: "current" | "sweep";
  sweepKey: NumericParamKey;
  from: string;
  to: string;
  steps: number;
}

/** Where a sweep of each parameter starts and ends unless changed: the range where it shows most. */
export const SWEEP_DEFAULTS: Record<NumericParamKey, [number, number]> = {
  temperature: [0, 1.5],
  topP: [0.5, 1],
  maxTokens: [50, 500],
  frequencyPenalty: [0, 1],
  presencePenalty: [0, 1],
};

const inputClass = "rounded border border-line bg-bg px-2 py-1 tabular-nums";

/** k, and at the panel's settings or across a sweep of one parameter (compare mode's 2–6 values). */
export function SpreadRunForm({ setup, onChange, disabled }: { setup: SpreadSetup; onChange(setup: SpreadSetup): void; disabled: boolean }) {
  const id = useId();
  const param = NUMERIC_PARAMS.find((p) => p.key === setup.sweepKey)!;
  const set = (patch: Partial<SpreadSetup>) => onChange({ ...setup, ...patch });
  return (
    <fieldset className="space-y-2 text-sm" disabled={disabled}>
      <legend className="sr-only">What to run</legend>
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-0.5">
          <span className="text-xs">Samples per setting (k)</span>
          <input
            type="number"
            className={`${inputClass} w-24`}
            min={MIN_SAMPLES}
            max={MAX_SAMPLES}
            step={1}
            value={setup.samples}
            aria-describedby={`${id}-k`}
            onChange={(e) => set({ samples: e.target.value })}
          />
        </label>
        <span id={`${id}-k`} className="pb-1.5 text-xs text-muted">
          {MIN_SAMPLES}–{MAX_SAMPLES}
        </span>
        <div role="radiogroup" aria-label="Settings" className="flex flex-wrap gap-3 pb-1">
          <label className="flex items-center gap-1.5">
            <input type="radio" name={`${id}-mode`} checked={setup.mode === "current"} onChange={() => set({ mode: "current" })} />
            <span>The panel&apos;s settings</span>
          </label>
          <label className="flex items-center gap-1.5">
            <input type="radio" name={`${id}-mode`} checked={setup.mode === "sweep"} onChange={() => set({ mode: "sweep" })} />
            <span>Sweep a parameter</span>
          </label>
        </div>
      </div>
      {setup.mode === "sweep" ? (
        <div className="flex flex-wrap items-end gap-2" role="group" aria-label="Sweep">
          <label className="flex flex-col gap-0.5">
            <span className="text-xs">Parameter</span>
            <select
              className="rounded border border-line bg-bg px-2 py-1"
              value={setup.sweepKey}
              onChange={(e) => {
                const key = e.target.value as NumericParamKey;
                set({ sweepKey: key, from: String(SWEEP_DEFAULTS[key][0]), to: String(SWEEP_DEFAULTS[key][1]) });
              }}
            >
              {NUMERIC_PARAMS.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          {(["from", "to"] as const).map((end) => (
            <label key={end} className="flex flex-col gap-0.5">
              <span className="text-xs">{end === "from" ? "From" : "To"}</span>
              <input type="number" className={`${inputClass} w-24`} min={param.min} max={param.max} step={param.step} value={setup[end]} onChange={(e) => set({ [end]: e.target.value })} />
            </label>
          ))}
          <label className="flex flex-col gap-0.5">
            <span className="text-xs">Steps</span>
            <select className="rounded border border-line bg-bg px-2 py-1" value={setup.steps} onChange={(e) => set({ steps: Number(e.target.value) })}>
              {Array.from({ length: MAX_COLUMNS - MIN_COLUMNS + 1 }, (_, i) => MIN_COLUMNS + i).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}
    </fieldset>
  );
}
