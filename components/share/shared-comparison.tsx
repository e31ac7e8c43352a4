import { differingParams } from "@/lib/store/compare-store";
import { NUMERIC_PARAMS, SEED_PARAM } from "@/lib/params";
import type { Prices } from "@/lib/model/pricing";
import type { ShareSnapshot, SharedColumn } from "@/lib/shares/snapshot";
import { ReplyStats } from "../chat/reply-stats";
import { SharedMessageItem } from "./shared-message";

/**
 * A shared comparison, server-rendered and complete without JavaScript: the shared messages,
 * then every column with its parameters (those that differ from column 1 marked) and numbers.
 * On a phone the columns are a row of cards that scrolls sideways and snaps.
 */
export function SharedComparison({ snapshot, columns }: { snapshot: ShareSnapshot; columns: SharedColumn[] }) {
  const prices = snapshot.prices ?? null;
  return (
    <div className="space-y-4">
      <section aria-labelledby="shared-messages-heading" className="rounded-xl border border-line p-3">
        <h2 id="shared-messages-heading" className="text-base font-semibold">
          {snapshot.messages.length ? "What every column answered" : "Comparison"}
        </h2>
        {snapshot.messages.length ? (
          <ol className="mt-2 space-y-3" aria-label="Shared conversation">
            {snapshot.messages.map((message, i) => (
              <SharedMessageItem key={i} message={message} prices={prices} position={i} />
            ))}
          </ol>
        ) : null}
        <dl className="mt-2 text-sm">
          <dt className="text-muted">System Message</dt>
          <dd className="whitespace-pre-wrap break-words" data-testid="shared-system-message">
            {snapshot.systemMessage || <span className="text-muted">(none)</span>}
          </dd>
        </dl>
      </section>
      <div role="group" aria-label="Columns" tabIndex={0} className="flex snap-x snap-mandatory gap-3 overflow-x-auto pb-2 lg:grid lg:snap-none lg:overflow-visible" style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(0, 1fr))` }}>
        {columns.map((column, index) => (
          <SharedColumnCard key={index} column={column} index={index} reference={columns[0]} prices={prices} />
        ))}
      </div>
    </div>
  );
}

function SharedColumnCard({ column, index, reference, prices }: { column: SharedColumn; index: number; reference: SharedColumn; prices: Prices | null }) {
  const differing = new Set(index === 0 ? [] : differingParams(reference.params, column.params));
  const last = column.messages.findLast((m) => m.role === "assistant");
  return (
    <section aria-labelledby={`column-${index}`} data-testid="shared-column" className="w-[85vw] shrink-0 snap-center rounded-xl border border-line sm:w-[26rem] lg:w-auto lg:min-w-0">
      <header className="space-y-1 border-b border-line p-2">
        <h3 id={`column-${index}`} className="text-sm font-semibold">
          Column {index + 1}
          {index === 0 ? <span className="ml-1 text-xs font-normal text-muted">(reference)</span> : null}
        </h3>
        <dl className="grid grid-cols-[1fr_auto] gap-x-3 text-xs">
          {NUMERIC_PARAMS.map((p) => (
            <div key={p.key} className="col-span-2 grid grid-cols-subgrid" data-differs={differing.has(p.key) || undefined}>
              <dt className={differing.has(p.key) ? "font-semibold" : "text-muted"}>
                {p.label}
                {differing.has(p.key) ? <span className="sr-only"> (differs from column 1)</span> : null}
              </dt>
              <dd className={`text-right font-mono tabular-nums ${differing.has(p.key) ? "font-semibold" : ""}`} data-param={p.key}>
                {column.params[p.key]}
              </dd>
            </div>
          ))}
          <div className="col-span-2 grid grid-cols-subgrid">
            <dt className="text-muted">{SEED_PARAM.label}</dt>
            <dd className="text-right font-mono tabular-nums" data-param="seed">
              {column.params.seed ?? "random"}
            </dd>
          </div>
        </dl>
        {last ? <ReplyStats usage={last.usage} metrics={last.metrics} prices={prices} /> : null}
      </header>
      <ol className="space-y-3 p-2" aria-label={`Column ${index + 1} replies`}>
        {column.messages.map((message, i) => (
          <SharedMessageItem key={i} message={message} prices={prices} showStats={false} position={(index + 1) * 1000 + i} />
        ))}
      </ol>
    </section>
  );
}
