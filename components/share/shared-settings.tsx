import { NUMERIC_PARAMS, SEED_PARAM } from "@/lib/params";
import type { ShareSnapshot } from "@/lib/shares/snapshot";

/** The exact settings of a shared run, labelled as in the parameter panel. */
export function SharedSettings({ snapshot }: { snapshot: ShareSnapshot }) {
  return (
    <section aria-labelledby="settings-heading" className="rounded-xl border border-line p-3">
      <h2 id="settings-heading" className="text-base font-semibold">
        Settings used
      </h2>
      <dl className="mt-2 space-y-2 text-sm">
        <div>
          <dt className="text-muted">System Message</dt>
          <dd className="whitespace-pre-wrap break-words" data-testid="shared-system-message">
            {snapshot.systemMessage || <span className="text-muted">(none)</span>}
          </dd>
        </div>
        <div className="grid grid-cols-2 gap-x-3 gap-y-1">
          {NUMERIC_PARAMS.map((p) => (
            <div key={p.key} className="contents">
              <dt className="text-muted">{p.label}</dt>
              <dd className="text-right font-mono tabular-nums" data-param={p.key}>
                {snapshot.params[p.key]}
              </dd>
            </div>
          ))}
          <dt className="text-muted">{SEED_PARAM.label}</dt>
          <dd className="text-right font-mono tabular-nums" data-param="seed">
            {snapshot.params.seed ?? "random"}
          </dd>
        </div>
      </dl>
    </section>
  );
}
