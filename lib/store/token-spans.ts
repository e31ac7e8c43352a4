/**
 * A reply's text cut into its tokens, for the probabilities view, and the reply that
 * "Regenerate from here with this token" continues from. Pure: shared by the playground and
 * the share page, tested under node.
 */
import type { TokenLogprob } from "../chat/events";
import type { UiMessage } from "./ui-message";

export interface TokenSpan {
  /** Index into the reply's logprobs. */
  index: number;
  text: string;
  /** The model's probability of this token (0–1). */
  probability: number;
}

export interface TokenSpans {
  spans: TokenSpan[];
  /** Text after the last token that matched (none, unless the upstream's token texts do not add up to the reply). */
  rest: string;
}

/**
 * Walks the tokens along the text. Upstreams may send token texts that do not add up to the
 * reply (byte fragments, a server that trims): from the first mismatch on, the text is left
 * unshaded rather than shaded against the wrong token.
 */
export function tokenSpans(content: string, logprobs: readonly TokenLogprob[] | undefined): TokenSpans {
  const spans: TokenSpan[] = [];
  let at = 0;
  for (let index = 0; index < (logprobs?.length ?? 0); index++) {
    const { token, logprob } = logprobs![index];
    if (!content.startsWith(token, at)) break;
    // A token that only completes a character with the next one has no text of its own.
    if (token) spans.push({ index, text: token, probability: Math.exp(logprob) });
    at += token.length;
  }
  return { spans, rest: content.slice(at) };
}

/** Five shading steps: enough to tell likely from surprising at a glance, few enough to name. */
export const PROBABILITY_BANDS = [
  { min: 0.9, label: "very likely" },
  { min: 0.5, label: "likely" },
  { min: 0.2, label: "plausible" },
  { min: 0.05, label: "unlikely" },
  { min: 0, label: "surprising" },
] as const;

export const bandOf = (probability: number): number => PROBABILITY_BANDS.findIndex((b) => probability >= b.min);

export const formatProbability = (p: number): string => (p >= 0.995 ? "100%" : p >= 0.1 ? `${(p * 100).toFixed(0)}%` : p >= 0.001 ? `${(p * 100).toFixed(1)}%` : "<0.1%");

/**
 * The partial reply to continue: the tokens before `index`, then `alternative` in its place (with
 * that step's candidates, so the choice can be seen and changed again). Undefined when the
 * token is not part of the shaded text (its texts do not add up) or the alternative is empty.
 */
export function continuationOf(
  message: Pick<UiMessage, "content" | "logprobs">,
  index: number,
  alternative: { token: string; logprob: number },
): { content: string; logprobs: TokenLogprob[] } | undefined {
  const logprobs = message.logprobs ?? [];
  const step = logprobs[index];
  if (!step || !alternative.token) return undefined;
  const before = logprobs.slice(0, index);
  const prefix = before.map((t) => t.token).join("");
  if (!message.content.startsWith(prefix)) return undefined;
  return { content: prefix + alternative.token, logprobs: [...before, { ...step, token: alternative.token, logprob: alternative.logprob }] };
}
