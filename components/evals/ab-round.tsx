"use client";
import { useEffect, useId, useRef } from "react";
import type { AbPick, AbRound, AbSide } from "@/lib/evals/blind-ab";
import type { CellStatus } from "@/lib/evals/run-scheduler";
import { cellStatusText } from "./spread-cell-status";

const PICKS: { pick: AbPick; label: string }[] = [
  { pick: "A", label: "A is better" },
  { pick: "B", label: "B is better" },
  { pick: "tie", label: "Tie" },
];

/**
 * One round, blind: the two replies as "A" and "B" only (the order was drawn for this round),
 * shown together once both have finished so neither gives itself away by arriving first; then
 * the pick, then "Next sample".
 */
export function AbRoundView({
  round,
  total,
  sides,
  onPick,
  onNext,
}: {
  round: AbRound;
  total: number;
  /** The cell state behind each side. */
  sides: Record<AbSide, CellStatus | undefined>;
  onPick(pick: AbPick): void;
  onNext(): void;
}) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  const both = sides.A?.status === "done" && sides.B?.status === "done";
  const ended = (["A", "B"] as const).every((s) => ["done", "error", "stopped"].includes(sides[s]?.status ?? "queued"));
  const last = round.index + 1 >= total;

  // A new round: reading starts at its heading (the buttons before it are gone or changed).
  useEffect(() => {
    if (round.index > 0) heading.current?.focus();
  }, [round.index]);

  return (
    <section aria-labelledby={`${id}-round`} className="space-y-2">
      <h3 id={`${id}-round`} ref={heading} tabIndex={-1} className="text-base font-semibold">
        Round {round.index + 1} of {total}
        {round.seed !== undefined ? <span className="ml-2 text-xs font-normal text-muted">seed {round.seed} for both</span> : null}
      </h3>
      <div className="grid gap-3 sm:grid-cols-2">
        {(["A", "B"] as const).map((side) => {
          const state = sides[side];
          return (
            <section key={side} aria-label={`Reply ${side}`} data-testid={`ab-reply-${side}`} className="rounded-lg border border-line p-2 text-sm">
              <h4 className="text-lg font-semibold">{side}</h4>
              {both && state?.status === "done" ? (
                <p className="mt-1 whitespace-pre-wrap break-words" data-testid="ab-reply-text">
                  {state.outcome.text || <span className="text-muted">(empty reply)</span>}
                </p>
              ) : state?.status === "error" ? (
                <p className="mt-1 text-red-700 dark:text-red-300">{state.outcome.message}</p>
              ) : (
                <p className="mt-1 text-muted">{state?.status === "done" ? "Done; waiting for the other reply." : cellStatusText(state)}</p>
              )}
            </section>
          );
        })}
      </div>
      <div role="group" aria-label="Which reply is better?" className="flex flex-wrap gap-2">
        {PICKS.map(({ pick, label }) => (
          <button
            key={pick}
            type="button"
            className={`btn-quiet border ${round.pick === pick ? "border-accent bg-subtle font-semibold text-fg" : "border-line"}`}
            aria-pressed={round.pick === pick}
            disabled={!both}
            onClick={() => {
              onPick(pick);
              // The pick made, the way on is the next button.
              requestAnimationFrame(() => next.current?.focus());
            }}
          >
            {label}
          </button>
        ))}
        <button ref={next} type="button" className="btn-primary" disabled={!round.pick && !(ended && !both)} onClick={onNext}>
          {last ? "Reveal results" : "Next sample"}
        </button>
      </div>
      {ended && !both ? <p className="text-xs text-muted">This round has no pair to judge; it counts as not judged.</p> : null}
    </section>
  );
}
