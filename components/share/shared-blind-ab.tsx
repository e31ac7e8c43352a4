import { abSideNames } from "@/lib/evals/ab-sides";
import { canonicalJson } from "@/lib/json/canonical-json";
import { ADVANCED_NUMERIC_PARAMS, NUMERIC_PARAMS } from "@/lib/params";
import type { SharedBlindAb } from "@/lib/shares/blind-ab-share";
import type { ShareSnapshot } from "@/lib/shares/snapshot";
import { AbTally } from "../evals/ab-tally";
import { SharedMessageItem } from "./shared-message";

const SETTING_NAMES: [string, string] = ["Setting 1", "Setting 2"];

/**
 * Shared blind A/B results, server-rendered and complete without JavaScript: the message judged,
 * both sides' parameters side by side (those that differ in bold), the tally and every round. When
 * the sides were two saved versions of a prompt (shares made before that have none), they are named
 * by their versions, and what differs between them (System Message, turns, settings) is shown word
 * by word in the tally.
 */
export function SharedBlindAbResults({ snapshot, blindAb }: { snapshot: ShareSnapshot; blindAb: SharedBlindAb }) {
  const [one, two] = blindAb.settings;
  const { versions } = blindAb;
  const names = abSideNames(versions, SETTING_NAMES);
  const params = [...NUMERIC_PARAMS, ...ADVANCED_NUMERIC_PARAMS].filter((p) => one[p.key] !== undefined || two[p.key] !== undefined);
  // Turns the versions both sent are listed with the message; turns that differ are in the tally's diff.
  const sameTurns = !versions || canonicalJson(versions.sides[0].turns) === canonicalJson(versions.sides[1].turns);
  const shown = sameTurns ? snapshot.messages : snapshot.messages.slice(-1);
  const sameSystemMessage = !versions || versions.sides[0].systemMessage === versions.sides[1].systemMessage;
  return (
    <section aria-labelledby="blind-ab-heading" className="space-y-4 rounded-xl border border-line p-3">
      <h2 id="blind-ab-heading" className="text-base font-semibold">
        Blind A/B
      </h2>
      {versions ? (
        <p className="text-sm">
          Two versions of the prompt “{versions.prompt}”: <strong>{names[0]}</strong> and <strong>{names[1]}</strong>.
        </p>
      ) : null}
      <ol className="space-y-3" aria-label="Message judged">
        {shown.map((message, i) => (
          <SharedMessageItem key={i} message={message} prices={snapshot.prices ?? null} position={i} />
        ))}
      </ol>
      <dl className="text-sm">
        <dt className="text-muted">System Message</dt>
        <dd className="whitespace-pre-wrap break-words">
          {sameSystemMessage ? snapshot.systemMessage || <span className="text-muted">(none)</span> : <span className="text-muted">differs between the versions (below)</span>}
        </dd>
      </dl>
      <table className="text-sm tabular-nums">
        <caption className="text-left text-xs text-muted">{versions ? "The two versions' parameters" : "The two settings"}</caption>
        <thead>
          <tr className="text-left text-xs text-muted">
            <th scope="col" className="pr-4 font-medium">
              Parameter
            </th>
            <th scope="col" className="pr-4 font-medium">
              {names[0]}
            </th>
            <th scope="col" className="font-medium">
              {names[1]}
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
        names={SETTING_NAMES}
        results={{ message: "", systemMessage: snapshot.systemMessage, settings: [one, two], rounds: blindAb.rounds, ...(versions ? { versions } : {}) }}
      />
    </section>
  );
}
