import { formatCount, formatUsd, usageCost, type Prices } from "@/lib/model/pricing";
import type { Usage } from "@/lib/chat/events";

interface Metrics {
  timeToFirstTokenMs: number;
  totalMs: number;
  tokensPerSecond?: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** One reply's numbers: tokens in and out, cost, time to first token, speed, total time. */
export function ReplyStats({ usage, metrics, prices }: { usage?: Usage; metrics?: Metrics; prices: Prices | null }) {
  if (!usage && !metrics) return null;
  return (
    <dl className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-muted" aria-label="Reply statistics" data-testid="reply-stats">
      {usage ? (
        <>
          <Stat label="Prompt tokens" value={formatCount(usage.promptTokens)} name="prompt-tokens" />
          <Stat label="Completion tokens" value={formatCount(usage.completionTokens)} name="completion-tokens" />
          {prices ? <Stat label="Cost" value={formatUsd(usageCost(usage, prices))} name="cost" /> : null}
        </>
      ) : null}
      {metrics ? (
        <>
          <Stat label="First token" value={seconds(metrics.timeToFirstTokenMs)} name="ttft" />
          {metrics.tokensPerSecond !== undefined ? <Stat label="Speed" value={`${metrics.tokensPerSecond.toFixed(1)} tok/s`} name="speed" /> : null}
          <Stat label="Total" value={seconds(metrics.totalMs)} name="total-time" />
        </>
      ) : null}
    </dl>
  );
}

function Stat({ label, value, name }: { label: string; value: string; name: string }) {
  return (
    <div className="flex gap-1">
      <dt>{label}</dt>
      <dd className="font-medium text-fg tabular-nums" data-stat={name}>
        {value}
      </dd>
    </div>
  );
}
