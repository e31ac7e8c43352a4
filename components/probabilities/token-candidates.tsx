"use client";
import { useMemo } from "react";
import type { TokenLogprob } from "@/lib/chat/events";
import { candidateView, type CandidateRow } from "@/lib/sampling/candidate-view";
import { formatProbability } from "@/lib/store/token-spans";
import { visibleToken } from "./token-label";

interface Props {
  entry: TokenLogprob;
  temperature: number;
  topP: number;
  /** The upstream sampler's top-k (capabilities.samplerTopK); undefined: not known. */
  topK?: number;
  /** What the reply was sampled with, when it differs from the panel's current values. */
  sampledWith?: { temperature: number; topP: number };
  /** Why an alternative cannot be continued from; undefined: it can. */
  continueBlocked?: string;
  onContinue(alternative: { token: string; logprob: number }): void;
}

const percent = (p: number) => `${Math.max(0, Math.min(100, p * 100))}%`;

function Bars({ row }: { row: Pick<CandidateRow, "before" | "after" | "kept"> }) {
  return (
    <div className="grid w-40 gap-0.5" aria-hidden="true">
      <div className="prob-bar" data-kind="before" style={{ width: percent(row.before) }} />
      <div className="prob-bar" style={{ width: percent(row.after), opacity: row.kept ? 1 : 0 }} />
    </div>
  );
}

function cutOffText(cutBy: string, temperature: number, topP: number, topK?: number): string {
  if (cutBy === "greedy") return "Temperature 0: only the likeliest token is ever picked";
  if (cutBy === "top-p") return `Top P ${topP} cut-off: tokens below this line are never sampled`;
  if (cutBy === "top-k") return `Top-k ${topK} cut-off: the sampler only weighs the ${topK} likeliest`;
  return `Temperature ${temperature}: nothing is cut`;
}

/**
 * A token's candidates: the model's probability (before) and the probability the sampler draws
 * with at the panel's current Temperature and Top P (after), with the cut-off line where the
 * sampler stops considering tokens. Computed by lib/sampling exactly as the embedded engine's
 * sampler chain does it.
 */
export function TokenCandidates({ entry, temperature, topP, topK, sampledWith, continueBlocked, onContinue }: Props) {
  const view = useMemo(() => candidateView(entry, { temperature, topP, topK }), [entry, temperature, topP, topK]);
  const cutOff = cutOffText(view.cutBy, temperature, topP, topK);
  const cutAmongRows = view.cutBy !== "none" && view.keptRows < view.rows.length;

  return (
    <div className="space-y-3 text-sm" data-testid="token-candidates">
      <p className="text-muted">
        Bars: <span className="font-medium text-fg">model</span> probability (grey, before sampling) and what the sampler draws with at the current{" "}
        <span className="font-medium text-fg">
          Temperature {temperature}, Top P {topP}
        </span>
        {topK ? `, after its top-k ${topK}` : ""} (coloured, after).
        {sampledWith ? ` This reply was sampled at Temperature ${sampledWith.temperature}, Top P ${sampledWith.topP}.` : ""}
        {topK ? "" : " This upstream's own sampler is not known here: the bars apply llama.cpp's top-p and temperature to the listed candidates."}
      </p>
      {continueBlocked ? (
        <p className="rounded border border-line bg-subtle px-2 py-1" data-testid="continue-blocked">
          {continueBlocked}
        </p>
      ) : null}
      <table className="w-full border-collapse">
        <caption className="sr-only">Candidates for this token, likeliest first</caption>
        <thead>
          <tr className="text-left text-xs text-muted">
            <th scope="col" className="py-1 pr-2 font-medium">
              Token
            </th>
            <th scope="col" className="py-1 pr-2 font-medium">
              Before → after
            </th>
            <th scope="col" className="py-1 font-medium">
              <span className="sr-only">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {view.rows.map((row, i) => (
            <Row
              key={`${i}-${row.token}`}
              row={row}
              cutOffAfter={cutAmongRows && i === view.keptRows - 1 ? cutOff : undefined}
              continueBlocked={continueBlocked}
              onContinue={() => onContinue({ token: row.token, logprob: Math.log(row.before) })}
            />
          ))}
          {view.unnamed.count ? (
            <tr className="border-t border-line text-xs text-muted">
              <td className="py-1 pr-2" colSpan={3}>
                {view.unnamed.count} more candidates the sampler weighed (text not sent): {formatProbability(view.unnamed.before)} before,{" "}
                {formatProbability(view.unnamed.after)} after; {view.unnamed.kept} of them kept.
                {view.cutBy !== "none" && !cutAmongRows ? ` ${cutOff} (among these).` : ""}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

function Row({ row, cutOffAfter, continueBlocked, onContinue }: { row: CandidateRow; cutOffAfter?: string; continueBlocked?: string; onContinue(): void }) {
  return (
    <>
      <tr data-testid="candidate" data-kept={row.kept} aria-current={row.chosen ? "true" : undefined} className={row.chosen ? "bg-subtle" : undefined}>
        <th scope="row" className="py-1 pr-2 text-left font-normal">
          <code className="whitespace-pre">{visibleToken(row.token)}</code>
          {row.chosen ? <span className="ml-1 text-xs text-muted">(in the reply)</span> : null}
        </th>
        <td className="py-1 pr-2">
          <div className="flex items-center gap-2">
            <Bars row={row} />
            <span className="tabular-nums">
              {formatProbability(row.before)} → {row.kept ? formatProbability(row.after) : "cut"}
            </span>
          </div>
        </td>
        <td className="py-1 text-right">
          {row.chosen ? null : (
            <button type="button" className="btn-quiet" disabled={!!continueBlocked} title={continueBlocked} onClick={onContinue}>
              Regenerate from here<span className="sr-only"> with {visibleToken(row.token)}</span>
            </button>
          )}
        </td>
      </tr>
      {cutOffAfter ? (
        <tr data-testid="cut-off">
          <td colSpan={3} className="border-t-2 border-dashed border-accent py-0.5 text-xs font-medium text-accent">
            {cutOffAfter}
          </td>
        </tr>
      ) : null}
    </>
  );
}
