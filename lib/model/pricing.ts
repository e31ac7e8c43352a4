/** Token cost arithmetic. Prices are USD per million tokens; unknown prices give no cost, never a guess. */

export interface Prices {
  inputPerMillion: number;
  outputPerMillion: number;
}

export const costOf = (tokens: number, perMillion: number) => (tokens * perMillion) / 1_000_000;

/** The token counts of a reply's usage (lib/chat/events.ts Usage fits). */
export interface TokenCounts {
  promptTokens: number;
  completionTokens: number;
}

export const usageCost = (usage: TokenCounts, prices: Prices) =>
  costOf(usage.promptTokens, prices.inputPerMillion) + costOf(usage.completionTokens, prices.outputPerMillion);

/** Dollars with enough digits to show a single request's cost: $0.000540, $0.0123, $1.23. */
export function formatUsd(amount: number): string {
  if (amount === 0) return "$0";
  if (amount >= 1) return `$${amount.toFixed(2)}`;
  const digits = Math.min(8, Math.max(2, 2 - Math.floor(Math.log10(amount))));
  // Three significant digits, without trailing zeros past the cents.
  return `$${amount.toFixed(digits).replace(/(\.\d\d\d*?)0+$/, "$1")}`;
}

export const formatCount = (n: number) => n.toLocaleString("en-US");
