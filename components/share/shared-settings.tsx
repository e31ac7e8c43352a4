import { ADVANCED_NUMERIC_PARAMS, NUMERIC_PARAMS, SEED_PARAM, STOP_PARAM } from "@/lib/params";
import { showStop } from "@/lib/stop-sequences/text";
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
        {/* The Advanced settings only when the run had them: absent means the upstream's default. */}
        {ADVANCED_NUMERIC_PARAMS.map((p) => {
          const value = snapshot.params[p.key];
          return value === undefined ? null : <SettingRow key={p.key} label={p.label} param={p.key} value={value} />;
        })}
        {snapshot.params.stop?.length ? (
          <div className="flex items-baseline justify-between gap-3">
            <dt className="text-muted">{STOP_PARAM.label}</dt>
            <dd className="min-w-0 text-right font-mono" data-param="stop">
              <ul aria-label={STOP_PARAM.label}>
                {snapshot.params.stop.map((stop, i) => (
                  <li key={i} className="break-all">
                    {showStop(stop)}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
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
