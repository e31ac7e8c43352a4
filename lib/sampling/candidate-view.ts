/**
 * One token's candidates as the probabilities view lists them: the named alternatives plus the
 * text-less rest of the top-k set (`tail`), shaped by the sampler settings. Pure, for the
 * playground's dialog and the share page alike.
 */
import type { TokenLogprob } from "../chat/events";
import { shapeDistribution, type SamplerSettings, type ShapedCandidate } from "./sampler-transform";

export interface CandidateRow extends ShapedCandidate {
  /** This is the token the reply has at this step. */
  chosen: boolean;
}

export interface CandidateView {
  /** Candidates with text, likeliest first. */
  rows: CandidateRow[];
  /** Candidates the sampler also weighed but whose text was not sent (the embedded engine's top-k rest). */
  unnamed: { count: number; kept: number; before: number; after: number };
  /** Rows the sampler keeps; the cut-off line sits after them (when it falls among named rows). */
  keptRows: number;
  cutBy: "top-k" | "top-p" | "greedy" | "none";
}

/** Text-less candidates get names that cannot collide with a real token's text. */
const UNNAMED = "\u0000";

export function candidateView(entry: TokenLogprob, settings: SamplerSettings): CandidateView {
  const named = entry.top?.length ? [...entry.top] : [{ token: entry.token, logprob: entry.logprob }];
  const tail = [...(entry.tail ?? [])];
  // The chosen token may rank below the named ones: then it is one of the tail, named now.
  if (!named.some((c) => c.token === entry.token)) {
    const same = tail.findIndex((logprob) => Math.abs(logprob - entry.logprob) < 1e-9);
    if (same >= 0) tail.splice(same, 1);
    named.push({ token: entry.token, logprob: entry.logprob });
  }
  const shaped = shapeDistribution([...named, ...tail.map((logprob, i) => ({ token: `${UNNAMED}${i}`, logprob }))], settings);
  const rows: CandidateRow[] = [];
  const unnamed = { count: 0, kept: 0, before: 0, after: 0 };
  let keptRows = 0;
  for (const c of shaped.candidates) {
    if (c.token.startsWith(UNNAMED)) {
      unnamed.count++;
      unnamed.before += c.before;
      unnamed.after += c.after;
      if (c.kept) unnamed.kept++;
    } else {
      rows.push({ ...c, chosen: c.token === entry.token });
      if (c.kept) keptRows++;
    }
  }
  return { rows, unnamed, keptRows, cutBy: shaped.cutBy };
}
