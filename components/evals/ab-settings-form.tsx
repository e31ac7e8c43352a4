"use client";
import { ADVANCED_NUMERIC_PARAMS, NUMERIC_PARAMS, type NumericParamKey, type SamplingParams } from "@/lib/params";
import { clampParam } from "@/lib/params";
import { ParamField } from "../compare/param-field";

/**
 * The two settings a blind A/B compares: Setting 1 is the panel's (shown, not edited here);
 * Setting 2 is a copy of it with the parameters edited in a compact form (compare mode's fields).
 */
export function AbSettingsForm({ panel, edited, onEdited, disabled }: { panel: SamplingParams; edited: SamplingParams; onEdited(params: SamplingParams): void; disabled: boolean }) {
  const set = (key: NumericParamKey, value: number) => onEdited({ ...edited, [key]: clampParam(NUMERIC_PARAMS.find((p) => p.key === key)!, value) });
  const differs = NUMERIC_PARAMS.some((p) => edited[p.key] !== panel[p.key]);
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <section aria-label="Setting 1" className="rounded-lg border border-line p-2 text-sm">
        <h3 className="font-medium">Setting 1: the panel&apos;s</h3>
        <dl className="mt-1 grid grid-cols-[1fr_auto] gap-x-3 text-xs">
          {NUMERIC_PARAMS.map((p) => (
            <div key={p.key} className="col-span-2 grid grid-cols-subgrid">
              <dt className="text-muted">{p.label}</dt>
              <dd className="tabular-nums">{panel[p.key]}</dd>
            </div>
          ))}
          {ADVANCED_NUMERIC_PARAMS.filter((p) => panel[p.key] !== undefined).map((p) => (
            <div key={p.key} className="col-span-2 grid grid-cols-subgrid">
              <dt className="text-muted">{p.label}</dt>
              <dd className="tabular-nums">{panel[p.key]}</dd>
            </div>
          ))}
        </dl>
      </section>
      <fieldset className="rounded-lg border border-line p-2 text-sm" disabled={disabled}>
        <legend className="px-1 font-medium">Setting 2: an edited copy</legend>
        <div className="flex flex-col items-end gap-1">
          {NUMERIC_PARAMS.map((p) => (
            <ParamField key={p.key} param={p} value={edited[p.key]} onChange={(v) => set(p.key, v)} />
          ))}
        </div>
        {!differs ? <p className="mt-1 text-xs text-muted">Same as Setting 1 so far: change a value to compare two settings.</p> : null}
      </fieldset>
    </div>
  );
}
