import { ADVANCED_NUMERIC_PARAMS, NUMERIC_PARAMS } from "@/lib/params";
import type { SharedBlindAb } from "@/lib/shares/blind-ab-share";
import type { ShareSnapshot } from "@/lib/shares/snapshot";
import { AbTally } from "../evals/ab-tally";
import { SharedMessageItem } from "./shared-message";

/**
 * Shared blind A/B results, server-rendered and complete without JavaScript: the message judged,
 * both settings side by side (those that differ in bold), the tally and every round.
 */
export function SharedBlindAbResults({ snapshot, blindAb }: { snapshot: ShareSnapshot; blindAb: SharedBlindAb }) {
  const [one, two] = blindAb.settings;
  const params = [...NUMERIC_PARAMS, ...ADVANCED_NUMERIC_PARAMS].filter((p) => one[p.key] !== undefined || two[p.key] !== undefined);
  return (
    <section aria-labelledby="blind-ab-heading" className="space-y-4 rounded-xl border border-line p-3">
      <h2 id="blind-ab-heading" className="text-base font-semibold">
        Blind A/B
      </h2>
      <ol className="space-y-3" aria-label="Message judged">
        {snapshot.messages.map((message, i) => (
          <SharedMessageItem key={i} message={message} prices={snapshot.prices ?? null} position={i} />
        ))}
      </ol>
      <dl className="text-sm">
        <dt className="text-muted">System Message</dt>
        <dd className="whitespace-pre-wrap break-words">{snapshot.systemMessage || <span className="text-muted">(none)</span>}</dd>
      </dl>
      <table className="text-sm tabular-nums">
        <caption className="text-left text-xs text-muted">The two settings</caption>
        <thead>
          <tr className="text-left text-xs text-muted">
            <th scope="col" className="pr-4 font-medium">
              Parameter
            </th>
            <th scope="col" className="pr-4 font-medium">
              Setting 1
            </th>
            <th scope="col" className="font-medium">
              Setting 2
            </th>
          </tr>
        </thead>
        <tbody>
          {params.map((p) => {
            const differs = one[p.key] !== two[p.key];
            return (
              <tr key={p.key} className={differs ? "font-semibold" : ""}>
                <th scope="row" className="pr-4 text-left font-[inherit]">
                  {p.label}
                  {differs ? <span className="sr-only"> (differs)</span> : null}
                </th>
                <td className="pr-4">{one[p.key] ?? "—"}</td>
                <td>{two[p.key] ?? "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <AbTally
        names={["Setting 1", "Setting 2"]}
        results={{ message: "", systemMessage: snapshot.systemMessage, settings: [one, two], rounds: blindAb.rounds }}
      />
    </section>
  );
}
