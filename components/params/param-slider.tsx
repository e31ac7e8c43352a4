"use client";
import { useId, useState } from "react";
import type { NumericParam } from "@/lib/params";

/**
 * A native range input paired with a number input: both keyboard operable and labelled.
 * The number input holds a draft only while being typed in, so "0." or "-" can be typed;
 * it commits on blur or Enter, snapped into range, and otherwise shows the store's value.
 */
export function ParamSlider({ param, value, max, onChange }: { param: NumericParam; value: number; max?: number; onChange(v: number): void }) {
  const id = useId();
  const upper = max ?? param.max;
  const [draft, setDraft] = useState<string | null>(null);

  const commit = () => {
    if (draft === null) return;
    const n = Number(draft);
    if (draft.trim() !== "" && Number.isFinite(n)) onChange(Math.min(n, upper));
    setDraft(null);
  };

  return (
    <div className="space-y-1">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={`${id}-range`} className="text-sm font-medium">
          {param.label}
        </label>
        <input
          type="number"
          aria-label={`${param.label} value`}
          className="w-24 rounded border border-line bg-bg px-2 py-1 text-right text-sm tabular-nums"
          min={param.min}
          max={upper}
          step={param.step}
          value={draft ?? String(value)}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === "Enter" && commit()}
        />
      </div>
      <input
        id={`${id}-range`}
        type="range"
        className="w-full accent-[var(--color-accent)]"
        min={param.min}
        max={upper}
        step={param.step}
        value={value}
        aria-describedby={`${id}-help`}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <p id={`${id}-help`} className="text-xs text-muted">
        {param.help}
      </p>
    </div>
  );
}
