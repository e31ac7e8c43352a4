"use client";
import { useId } from "react";
import { SEED_PARAM } from "@/lib/params";

/**
 * How seeds are given: a base seed, and (for sample spread) whether each sample adds its number
 * to it. Where the upstream ignores seeds there is nothing to set, and the view says so.
 */
export function SpreadSeedFields({
  supported,
  base,
  onBase,
  policy,
  onPolicy,
  help,
  disabled,
}: {
  supported: boolean;
  base: number;
  onBase(seed: number): void;
  /** Absent: the policy is fixed by the view (blind A/B), and `help` says what it is. */
  policy?: "vary" | "same";
  onPolicy?(policy: "vary" | "same"): void;
  help: string;
  disabled?: boolean;
}) {
  const id = useId();
  if (!supported) {
    return (
      <p role="note" className="rounded border border-line px-2 py-1 text-sm">
        This upstream ignores seeds: no seed is sent, replies differ by chance alone, and a sample cannot be reproduced by its seed.
      </p>
    );
  }
  return (
    <div className="flex flex-wrap items-end gap-2 text-sm">
      {policy && onPolicy ? (
        <label className="flex flex-col gap-0.5">
          <span className="text-xs">Seeds</span>
          <select className="rounded border border-line bg-bg px-2 py-1" value={policy} disabled={disabled} onChange={(e) => onPolicy(e.target.value as "vary" | "same")}>
            <option value="vary">Vary per sample (base + i)</option>
            <option value="same">Same seed for every sample</option>
          </select>
        </label>
      ) : null}
      <label className="flex flex-col gap-0.5">
        <span className="text-xs">Base seed</span>
        <input
          type="number"
          className="w-32 rounded border border-line bg-bg px-2 py-1 tabular-nums"
          min={SEED_PARAM.min}
          max={SEED_PARAM.max}
          step={1}
          value={base}
          disabled={disabled}
          aria-describedby={`${id}-help`}
          onChange={(e) => e.target.value !== "" && Number.isFinite(Number(e.target.value)) && onBase(Math.min(SEED_PARAM.max, Math.max(SEED_PARAM.min, Math.round(Number(e.target.value)))))}
        />
      </label>
      <p id={`${id}-help`} className="basis-full text-xs text-muted">
        {help}
      </p>
    </div>
  );
}
