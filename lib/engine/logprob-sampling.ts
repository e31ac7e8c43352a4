/**
 * Token generation that also reports each step's distribution, for the probabilities view.
 *
 * Why the engine samples here instead of letting llama.cpp do it: `evaluateWithMetadata` reports
 * the distribution *after* the sampler chain (top-k → top-p → temperature), so the tokens top-p
 * cut and the probability mass outside the kept set are gone, and the "before" view cannot be
 * rebuilt exactly from it. So the sequence is evaluated with neutral sampling (temperature 1, no
 * top-k, top-p 1; the token bias and repeat penalties kept, as they come first in the chain),
 * which reports the model's whole distribution; the chain's remaining steps are then applied by
 * lib/sampling exactly as llama.cpp orders and computes them, and the token is drawn from that
 * (seeded), then handed back to the evaluator as the next token. What the view shows is by
 * construction what was sampled from.
 *
 * The price: for the same seed, the text differs from a run without probabilities (another
 * random stream draws the token), though it is just as repeatable; at temperature 0 both are the
 * same greedy text. And it costs a full-vocabulary softmax and its transfer per token, which is
 * why only requests that ask for probabilities take this path.
 */
import type { LlamaContextSequence, LlamaModel, SequenceEvaluateOptions, Token } from "node-llama-cpp";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { TokenLogprob } from "../chat/events";
import { drawFrom, shapeDistribution } from "../sampling/sampler-transform";

export interface SampledToken {
  token: Token;
  /** The token's entry; its `token` text is filled in when its text is known (multi-token characters). */
  logprob: TokenLogprob;
}

export interface LogprobSamplingOptions {
  temperature: number;
  topP: number;
  /** The sampler's top-k: the request's, else ENGINE_TOP_K, as on the plain path. */
  topK: number;
  seed: number;
  /** Alternatives with their text per token (the request's top). */
  top: number;
  /** The evaluator options both paths share: token bias, repeat penalties. */
  shared: Pick<SequenceEvaluateOptions, "tokenBias" | "repeatPenalty">;
  /** Text of a candidate token where it would stand (leading-space rules depend on what came before). */
  textOf(token: Token): string;
}

/** Log-probabilities travel rounded: 4 decimals is 0.01% of a probability, and halves the bytes. */
const round = (logprob: number) => Math.round(logprob * 1e4) / 1e4;

export async function* sampleWithLogprobs(
  sequence: LlamaContextSequence,
  model: LlamaModel,
  prompt: Token[],
  options: LogprobSamplingOptions,
): AsyncGenerator<SampledToken> {
  const rng = xoroshiro128plus(options.seed);
  const settings = { temperature: options.temperature, topP: options.topP, topK: options.topK };
  const steps = sequence.evaluateWithMetadata(prompt, { probabilities: true }, {
    ...options.shared,
    temperature: 1,
    topK: 0,
    topP: 1,
    minP: 0,
    // The evaluator's own draw is discarded (its token is replaced below); a fixed seed keeps it cheap and inert.
    seed: 0,
    // Our token may differ from the evaluator's: an end-of-generation token is ours to judge.
    yieldEogToken: true,
  });
  try {
    let step = await steps.next();
    while (!step.done) {
      // The map is ordered likeliest first; ties are put in token-id order, as llama.cpp's greedy scan meets them.
      const head: { id: Token; p: number }[] = [];
      for (const [id, p] of step.value.probabilities) {
        if (head.length === options.topK) break;
        head.push({ id, p });
      }
      head.sort((a, b) => b.p - a.p || a.id - b.id);
      const shaped = shapeDistribution(
        head.map(({ id, p }) => ({ token: String(id), logprob: Math.log(p) })),
        settings,
      );
      const picked = Number(shaped.candidates[options.temperature <= 0 ? 0 : drawFrom(shaped, uniformFloat64(rng))].token) as Token;
      // Like evaluate(): the end of generation is not a token of the reply.
      if (model.isEogToken(picked)) return;
      const logprobOf = (p: number) => round(Math.log(p));
      const chosen = step.value.probabilities.get(picked) ?? 0;
      const listed = head.slice(0, options.top);
      yield {
        token: picked,
        logprob: {
          token: "",
          logprob: logprobOf(chosen),
          top: listed.map(({ id, p }) => ({ token: options.textOf(id), logprob: logprobOf(p) })),
          // The rest of the top-k set, without text: enough for the browser to redo top-p exactly.
          ...(head.length > listed.length ? { tail: head.slice(listed.length).map(({ p }) => logprobOf(p)) } : {}),
        },
      };
      step = await steps.next(picked);
    }
  } finally {
    await steps.return(undefined);
  }
}
