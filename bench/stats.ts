/** Order statistics and number formatting shared by the sections. */

/** Nearest-rank percentile: always a value that was actually observed. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (xs: readonly number[]) => percentile(xs, 50);

export const ms = (n: number, digits = 2) => `${n.toFixed(digits)} ms`;

/** A difference with its sign, so an improvement reads as one. */
export const signedMs = (n: number, digits = 2) => `${n >= 0 ? "+" : "−"}${Math.abs(n).toFixed(digits)} ms`;
