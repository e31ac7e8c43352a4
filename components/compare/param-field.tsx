"use client";
import { useState } from "react";
import type { NumericParam } from "@/lib/params";

/**
 * A compact, labelled number input for one parameter of one column. It holds a draft while
 * typed in (so "0." can be typed) and commits on blur or Enter; the store snaps the value.
 */
export function ParamField({ param, value, onChange, className = "" }: { param: NumericParam; value: number; onChange(v: number): void; className?: string }) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const n = Number(draft);
    if (draft.trim() !== "" && Number.isFinite(n)) onChange(n);
    setDraft(null);
  };
  return (
    <label className={`inline-flex items-center gap-1 text-xs ${className}`}>
      <span>{param.label}</span>
      <input
        type="number"
        className="w-20 rounded border border-line bg-bg px-1.5 py-0.5 text-right tabular-nums"
        min={param.min}
        max={param.max}
        step={param.step}
        value={draft ?? String(value)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === "Enter" && commit()}
      />
    </label>
  );
}
