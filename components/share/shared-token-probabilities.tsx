/**
 * A shared reply's token probabilities, server-rendered and complete without JavaScript: the
 * shaded tokens (tint and underline per band, the probability and alternatives in each token's
 * title), each a link to its row in the table of candidates below, all inside a <details> so the
 * page opens on the readable reply.
 */
import type { SharedMessage } from "@/lib/shares/snapshot";
import { bandOf, formatProbability, tokenSpans } from "@/lib/store/token-spans";
import { tokenLabel, visibleToken } from "../probabilities/token-label";

const alternatives = (entry: NonNullable<SharedMessage["logprobs"]>[number]) =>
  (entry.top ?? []).map((c) => `${visibleToken(c.token)} ${formatProbability(Math.exp(c.logprob))}`).join(", ");

export function SharedTokenProbabilities({ message, position }: { message: SharedMessage; position: number }) {
  const logprobs = message.logprobs ?? [];
  const { spans, rest } = tokenSpans(message.content, logprobs);
  if (!spans.length) return null;
  const rowId = (index: number) => `m${position}-t${index}`;

  return (
    <details className="mt-2 rounded border border-line px-2 py-1" data-testid="shared-probabilities">
      <summary className="cursor-pointer text-sm text-muted">
        Token probabilities ({spans.length} tokens{message.logprobsTrimmed ? ", thinned to fit the link" : ""})
      </summary>
      <p className="mt-1 text-xs text-muted">
        Tint and underline grow as a token gets less likely (none, dotted, dashed, wavy). Each token links to its candidates below.
      </p>
      <div className="token-text mt-1" data-testid="shared-token-text">
        {spans.map((span) => (
          <a
            key={span.index}
            href={`#${rowId(span.index)}`}
            className="tok text-inherit no-underline"
            data-band={bandOf(span.probability)}
            title={`${tokenLabel(span.text, span.probability, span.index === message.continuedAt)}${logprobs[span.index].top?.length ? ` · candidates: ${alternatives(logprobs[span.index])}` : ""}`}
          >
            {span.text}
          </a>
        ))}
        {rest}
      </div>
      <table className="mt-2 w-full border-collapse text-xs">
        <caption className="sr-only">Each token with its probability and the likeliest alternatives</caption>
        <thead>
          <tr className="text-left text-muted">
            <th scope="col" className="pr-2 font-medium">#</th>
            <th scope="col" className="pr-2 font-medium">Token</th>
            <th scope="col" className="pr-2 font-medium">Probability</th>
            <th scope="col" className="font-medium">Candidates (model probability)</th>
          </tr>
        </thead>
        <tbody>
          {spans.map((span) => (
            <tr key={span.index} id={rowId(span.index)} className="border-t border-line target:bg-subtle" data-testid="shared-token-row">
              <td className="pr-2 tabular-nums">{span.index + 1}</td>
              <td className="pr-2">
                <code className="whitespace-pre">{visibleToken(span.text)}</code>
                {span.index === message.continuedAt ? <span className="ml-1 text-muted">(chosen by the user)</span> : null}
              </td>
              <td className="pr-2 tabular-nums">{formatProbability(span.probability)}</td>
              <td>{alternatives(logprobs[span.index]) || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
