/**
 * A sweep: one numeric parameter stepped across a range, one value per compare column.
 * Values are spread evenly over the range, both ends included, and snapped to the parameter's
 * own step and bounds (clampParam), so every column holds a value the panel could have set.
 */
import { clampParam, type NumericParam } from "../params";

export const MIN_COLUMNS = 2;
export const MAX_COLUMNS = 6;

export interface Sweep {
  param: NumericParam;
  from: number;
  to: number;
  /** How many values (= columns), MIN_COLUMNS to MAX_COLUMNS. */
  count: number;
}

/**
 * The sweep's values in order from `from` to `to` (a falling range stays falling). Values that
 * snap to the same step are kept once: two columns with equal settings compare nothing.
 */
export function sweepValues({ param, from, to, count }: Sweep): number[] {
  const n = Math.min(MAX_COLUMNS, Math.max(MIN_COLUMNS, Math.round(count)));
  const start = clampParam(param, from);
  const end = clampParam(param, to);
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    // Computed from the ends each time, not by adding a step, so rounding errors do not build up.
    const value = clampParam(param, start + ((end - start) * i) / (n - 1));
    if (!values.includes(value)) values.push(value);
  }
  return values;
}
