"use client";
import { useId, useState } from "react";
import { MAX_COLUMNS, MIN_COLUMNS, sweepValues } from "@/lib/compare/sweep";
import { NUMERIC_PARAMS, type NumericParam, type NumericParamKey } from "@/lib/params";

/** Where a sweep of each parameter starts and ends unless the user says otherwise. */
const DEFAULT_RANGES: Record<NumericParamKey, [number, number]> = {
  temperature: [0, 1],
  topP: [0.5, 1],
  maxTokens: [100, 1000],
  frequencyPenalty: [0, 1],
  presencePenalty: [0, 1],
};

/** "Sweep": one parameter from a value to another in 2–6 evenly spaced columns. */
export function SweepForm({ onApply }: { onApply(key: NumericParamKey, from: number, to: number, count: number): void }) {
  const id = useId();
  const [key, setKey] = useState<NumericParamKey>("temperature");
  const [range, setRange] = useState(DEFAULT_RANGES.temperature);
  const [count, setCount] = useState(3);
  const param = NUMERIC_PARAMS.find((p) => p.key === key)!;
  const preview = sweepValues({ param, from: range[0], to: range[1], count });

  return (
    <form
      className="flex flex-wrap items-end gap-2 text-sm"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        onApply(key, range[0], range[1], count);
      }}
    >
      <span id={`${id}-title`} className="self-center font-medium">
        Sweep
      </span>
      <label className="flex flex-col gap-0.5">
        <span className="text-xs">Parameter</span>
        <select
          className="rounded border border-line bg-bg px-2 py-1"
          value={key}
          onChange={(e) => {
            const next = e.target.value as NumericParamKey;
            setKey(next);
            setRange(DEFAULT_RANGES[next]);
          }}
        >
          {NUMERIC_PARAMS.map((p) => (
            <option key={p.key} value={p.key}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <RangeEnd label="From" param={param} value={range[0]} onChange={(v) => setRange([v, range[1]])} />
      <RangeEnd label="To" param={param} value={range[1]} onChange={(v) => setRange([range[0], v])} />
      <label className="flex flex-col gap-0.5">
        <span className="text-xs">Columns</span>
        <select className="rounded border border-line bg-bg px-2 py-1" value={count} onChange={(e) => setCount(Number(e.target.value))}>
          {Array.from({ length: MAX_COLUMNS - MIN_COLUMNS + 1 }, (_, i) => MIN_COLUMNS + i).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn-quiet border border-line">
        Fill columns
      </button>
      <span className="self-center text-xs text-muted" aria-live="polite">
        {param.label}: {preview.join(", ")}
      </span>
    </form>
  );
}

/** One end of the sweep's range, in the parameter's own bounds and step. */
function RangeEnd({ label, param, value, onChange }: { label: string; param: NumericParam; value: number; onChange(v: number): void }) {
  return (
    <label className="flex flex-col gap-0.5">
      <span className="text-xs">{label}</span>
      <input
        type="number"
        className="w-20 rounded border border-line bg-bg px-2 py-1 tabular-nums"
        min={param.min}
        max={param.max}
        step={param.step}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </label>
  );
}
