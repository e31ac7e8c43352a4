import type { Spread } from "@/lib/evals/sample-spread";

export const percent = (share: number) => `${Math.round(share * 100)}%`;

/** A reply that means to be JSON: an object, a list or a ```json block. Only then is the valid rate worth showing. */
const looksLikeJson = (text: string) => /^\s*(?:[{[]|```json)/.test(text);

/** The figures of one spread: agreement, distinct answers, lengths, first tokens, JSON valid rate. */
export function SpreadSummary({ spread, texts, label }: { spread: Spread; texts: readonly string[]; label: string }) {
  const json = texts.some(looksLikeJson);
  const { length, tokens } = spread;
  return (
    // A named group around the list: a <dl> itself takes no name.
    <div role="group" aria-label={label}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted">Agreement</dt>
        <dd>
          <span className="font-semibold tabular-nums" data-testid="spread-agreement">
            {percent(spread.agreement)}
          </span>
          <span className="text-muted">
            {" "}
            of {spread.samples} in the largest group
            {spread.exactAgreement !== spread.agreement ? ` (identical answers only: ${percent(spread.exactAgreement)})` : ""}
          </span>
        </dd>
        <dt className="text-muted">Distinct answers</dt>
        <dd className="tabular-nums" data-testid="spread-distinct">
          {spread.distinct}
          {spread.exactDistinct !== spread.distinct ? <span className="text-muted"> ({spread.exactDistinct} before joining near-identical ones)</span> : null}
        </dd>
        <dt className="text-muted">Length</dt>
        <dd className="tabular-nums">
          {length.min} / {length.median} / {length.max} characters
          {tokens ? ` · ${tokens.min} / ${tokens.median} / ${tokens.max} tokens` : ""}
          <span className="text-muted"> (min / median / max)</span>
        </dd>
        <dt className="text-muted">First words</dt>
        <dd>
          {spread.firstTokens.length} distinct:{" "}
          {spread.firstTokens.slice(0, 8).map((t, i) => (
            <span key={i}>
              {i ? ", " : ""}
              <q className="whitespace-pre">{t.token}</q> ×{t.count}
            </span>
          ))}
          {spread.firstTokens.length > 8 ? ", …" : ""}
        </dd>
        {json ? (
          <>
            <dt className="text-muted">Valid JSON</dt>
            <dd className="tabular-nums">{percent(spread.jsonValidRate)}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
