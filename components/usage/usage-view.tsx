import Link from "next/link";
import { formatCount, formatUsd } from "@/lib/model/pricing";
import type { UsageReport } from "@/lib/server/usage/usage-report";

const PERIODS = [7, 30, 90, 366] as const;
const SURFACES = { api: "API", playground: "Playground" } as const;

/** A key's usage: totals for the period, then one row per day, model and surface. Server-rendered. */
export function UsageView({ report }: { report: UsageReport }) {
  const { totals } = report;
  return (
    <section aria-labelledby="usage-title" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="usage-title" className="text-xl font-semibold">
            Usage
          </h2>
          <p className="text-sm text-muted">
            {report.keyId ? (
              <>
                For access key <code className="text-fg">{report.keyId}</code> (its id, not the key), playground and API together
              </>
            ) : (
              "This playground is open (no access keys): everyone's usage, playground and API together"
            )}
            , since {report.since} (UTC).
          </p>
        </div>
        <nav aria-label="Period" className="flex gap-1 text-sm">
          {PERIODS.map((days) => (
            <Link key={days} href={`/usage?days=${days}`} aria-current={days === report.days ? "page" : undefined} className={days === report.days ? "btn-primary px-3 py-1" : "btn-quiet border border-line"}>
              {days === 366 ? "Year" : `${days} days`}
            </Link>
          ))}
        </nav>
      </div>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="usage-totals">
        <Total label="Requests" value={formatCount(totals.requests)} />
        <Total label="Input tokens" value={formatCount(totals.promptTokens)} />
        <Total label="Output tokens" value={formatCount(totals.completionTokens)} />
        <Total label="Cost" value={formatUsd(totals.costUsd)} />
      </dl>
      {totals.unpricedRequests ? <p className="text-sm text-muted">{formatCount(totals.unpricedRequests)} requests went to models without a known price and are not in the cost.</p> : null}
      {totals.estimatedRequests ? (
        <p className="text-sm text-muted">{formatCount(totals.estimatedRequests)} replies were stopped or failed before the upstream reported usage: their tokens are estimated from the text.</p>
      ) : null}

      {report.rows.length === 0 ? (
        <p className="rounded-xl border border-line p-4 text-sm text-muted">No requests in this period.</p>
      ) : (
        // Scrolls sideways on a phone; focusable so the keyboard can scroll it too.
        <div className="overflow-x-auto rounded-xl border border-line" role="region" aria-label="Usage table" tabIndex={0}>
          <table className="w-full text-sm whitespace-nowrap">
            <caption className="sr-only">Usage per day, model and surface</caption>
            <thead className="bg-subtle text-left">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Date</th>
                <th scope="col" className="px-3 py-2 font-medium">Model</th>
                <th scope="col" className="px-3 py-2 font-medium">Surface</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Requests</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Input tokens</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Output tokens</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Cost</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row) => (
                <tr key={`${row.day} ${row.model} ${row.surface}`} className="border-t border-line">
                  <td className="px-3 py-2">{row.day}</td>
                  <td className="px-3 py-2">
                    <code>{row.model}</code>
                  </td>
                  <td className="px-3 py-2">{SURFACES[row.surface]}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatCount(row.requests)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatCount(row.promptTokens)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatCount(row.completionTokens)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{costText(row)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="text-sm text-muted">
        API clients read the same figures for their own key from <code className="text-fg">GET /api/v1/usage</code> (add <code className="text-fg">?days=N</code>, up to 366).
      </p>
    </section>
  );
}

/** The row's cost; "unknown price" when none of its requests had one, and how many did not when some. */
function costText(row: UsageReport["rows"][number]): string {
  if (row.unpricedRequests === row.requests) return "unknown price";
  const cost = formatUsd(row.costNanoUsd / 1e9);
  return row.unpricedRequests ? `${cost} + ${formatCount(row.unpricedRequests)} unpriced` : cost;
}

function Total({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-xl border border-line p-3">
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">{value}</dd>
    </div>
  );
}
