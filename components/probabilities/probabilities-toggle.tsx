"use client";
import { useId } from "react";
import { useCapabilities } from "@/lib/hooks/use-models";
import { useParamsStore } from "@/lib/store/params-store";
import { PROBABILITY_BANDS } from "@/lib/store/token-spans";

export const NO_LOGPROBS_REASON = "This upstream does not return token probabilities.";

/**
 * "Probabilities": replies ask for per-token log-probabilities and show shaded by them. Disabled,
 * with the reason in view, where the serving upstream's capabilities say it returns none.
 */
export function ProbabilitiesToggle() {
  const on = useParamsStore((s) => s.probabilities);
  const setOn = useParamsStore((s) => s.setProbabilities);
  const capabilities = useCapabilities();
  const unavailable = capabilities?.logprobs === false;
  const reasonId = useId();

  return (
    <div className="flex items-center gap-2 text-sm">
      <button
        type="button"
        className="btn-quiet"
        aria-pressed={on && !unavailable}
        disabled={unavailable}
        title={unavailable ? NO_LOGPROBS_REASON : "Shade each token of a reply by its probability; click a token for its candidates"}
        aria-describedby={unavailable ? reasonId : undefined}
        onClick={() => setOn(!on)}
      >
        <span aria-hidden="true" className={`mr-1 inline-block h-3 w-3 rounded-full border border-line ${on && !unavailable ? "bg-accent" : ""}`} />
        Probabilities
      </button>
      {unavailable ? (
        <span id={reasonId} className="text-xs text-muted" data-testid="probabilities-unavailable">
          {NO_LOGPROBS_REASON}
        </span>
      ) : null}
    </div>
  );
}

/**
 * What the shades and underlines mean (the view must not rely on colour alone), while the toggle
 * is on. It subscribes on its own so switching does not re-render the chat panel around it.
 */
export function ProbabilityLegend() {
  const on = useParamsStore((s) => s.probabilities);
  const unavailable = useCapabilities()?.logprobs === false;
  if (!on || unavailable) return null;
  return (
    <p className="flex flex-wrap items-center gap-x-2 gap-y-1 border-b border-line px-3 py-1 text-xs text-muted" data-testid="probability-legend">
      <span>Token shading:</span>
      {PROBABILITY_BANDS.map((band, i) => (
        <span key={band.label} className="tok" data-band={i}>
          {band.label} {i < PROBABILITY_BANDS.length - 1 ? `≥ ${band.min * 100}%` : `< ${PROBABILITY_BANDS[i - 1].min * 100}%`}
        </span>
      ))}
      <span>· click or press Enter on a token for its candidates</span>
    </p>
  );
}
