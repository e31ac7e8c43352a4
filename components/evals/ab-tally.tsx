import { useId } from "react";
import { abDifferences, differencesSentence } from "@/lib/evals/ab-differences";
import type { AbResultsInput } from "@/lib/evals/ab-results-markdown";
import { abSideNames, abSideShortName } from "@/lib/evals/ab-sides";
import { pickedSetting, tallyAb } from "@/lib/evals/blind-ab";
import { AbDifferences } from "./ab-differences";
import { percent } from "./spread-summary";

const PLAYGROUND_NAMES: [string, string] = ["Setting 1 (the panel's)", "Setting 2 (edited copy)"];

/**
 * The reveal: which side won how often, what sets the sides apart, and every round with its order
 * and pick. Sides are named by their versions when they are versions ("Version 3 (note)"), else by
 * `names`. Also the share page's (server-rendered).
 */
export function AbTally({ results, names = PLAYGROUND_NAMES }: { results: AbResultsInput; names?: [string, string] }) {
  const sideNames = abSideNames(results.versions, names);
  const settingName = (i: 0 | 1) => sideNames[i];
  const shortName = (i: 0 | 1) => abSideShortName(results.versions, i);
  const id = useId();
  const tally = tallyAb(results.rounds);
  const share = (n: number) => (tally.judged ? ` (${percent(n / tally.judged)})` : "");
  const diff = abDifferences(results);
  return (
    <section aria-labelledby={`${id}-tally`} className="space-y-3">
      <h3 id={`${id}-tally`} className="text-base font-semibold">
        Revealed: {tally.judged} of {tally.rounds} rounds judged
      </h3>
      <p className="text-sm" data-testid="ab-differs">
        {differencesSentence(diff, results.versions !== undefined)}
      </p>
      {results.versions ? <AbDifferences diff={diff} names={sideNames} /> : null}
      <table className="text-sm tabular-nums" data-testid="ab-tally">
        <caption className="sr-only">Tally per setting</caption>
        <tbody>
          <tr>
            <th scope="row" className="pr-4 text-left font-normal">
              {settingName(0)}
            </th>
            <td>
              won {tally.wins[0]}
              {share(tally.wins[0])}
            </td>
          </tr>
          <tr>
            <th scope="row" className="pr-4 text-left font-normal">
              {settingName(1)}
            </th>
            <td>
              won {tally.wins[1]}
              {share(tally.wins[1])}
            </td>
          </tr>
          <tr>
            <th scope="row" className="pr-4 text-left font-normal">
              Ties
            </th>
            <td>
              {tally.ties}
              {share(tally.ties)}
            </td>
          </tr>
        </tbody>
      </table>
      <table className="text-sm tabular-nums">
        <caption className="text-left text-xs text-muted">Every round</caption>
        <thead>
          <tr className="text-left text-xs text-muted">
            {["Round", "Seed", "Shown as A", "Pick", "Winner"].map((h) => (
              <th key={h} scope="col" className="pr-4 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {results.rounds.map((round) => {
            const winner = pickedSetting(round);
            return (
              <tr key={round.index}>
                <th scope="row" className="pr-4 text-left font-normal">
                  {round.index + 1}
                </th>
                <td className="pr-4">{round.seed ?? "—"}</td>
                <td className="pr-4">{shortName(round.aIs)}</td>
                <td className="pr-4">{round.pick === undefined ? "not judged" : round.pick === "tie" ? "Tie" : `${round.pick} is better`}</td>
                <td>{winner === undefined ? "—" : winner === "tie" ? "tie" : shortName(winner)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
