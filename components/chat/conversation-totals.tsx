import { formatCount, formatUsd, usageCost, type Prices } from "@/lib/model/pricing";
import type { Usage } from "@/lib/chat/events";

/** Tokens and cost of every reply so far (each reply's prompt includes the history it was sent with). */
export function ConversationTotals({ usages: perMessage, prices }: { usages: (Usage | undefined)[]; prices: Prices | null }) {
  const usages = perMessage.filter((u): u is Usage => u !== undefined);
  if (usages.length === 0) return null;
  const tokens = usages.reduce((sum, u) => sum + u.promptTokens + u.completionTokens, 0);
  const cost = prices ? usages.reduce((sum, u) => sum + usageCost(u, prices), 0) : null;
  return (
    <p className="text-xs text-muted" data-testid="conversation-totals">
      Total <span className="font-medium text-fg tabular-nums">{formatCount(tokens)}</span> tokens
      {cost !== null ? (
        <>
          {" · "}
          <span className="font-medium text-fg tabular-nums">{formatUsd(cost)}</span>
        </>
      ) : null}
    </p>
  );
}
