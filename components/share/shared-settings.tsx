import { NUMERIC_PARAMS, SEED_PARAM } from "@/lib/params";
import type { ShareSnapshot } from "@/lib/shares/snapshot";

/**
 * The exact settings of a shared run, labelled as in the parameter panel. Each term and its value
 * share one <div>, the only wrapper a <dl> may hold, so assistive technology reads them as pairs.
 */
export function SharedSettings({ snapshot }: { snapshot: ShareSnapshot }) {
  return (
    <section aria-labelledby="settings-heading" className="rounded-xl border border-line p-3">
      <h2 id="settings-heading" className="text-base font-semibold">
        Settings used
      </h2>
      <dl className="mt-2 space-y-1 text-sm">
        <div className="pb-1">
          <dt className="text-muted">System Message</dt>
          <dd className="whitespace-pre-wrap break-words" data-testid="shared-system-message">
            {snapshot.systemMessage || <span className="text-muted">(none)</span>}
          </dd>
        </div>
        {NUMERIC_PARAMS.map((p) => (
          <SettingRow key={p.key} label={p.label} param={p.key} value={snapshot.params[p.key]} />
        ))}
        <SettingRow label={SEED_PARAM.label} param="seed" value={snapshot.params.seed ?? "random"} />
      </dl>
    </section>
  );
}

function SettingRow({ label, param, value }: { label: string; param: string; value: number | string }) {
  return (
    <div className="flex items-baseline justify-between gap-3">
      <dt className="text-muted">{label}</dt>
      <dd className="text-right font-mono tabular-nums" data-param={param}>
        {value}
      </dd>
    </div>
  );
}
