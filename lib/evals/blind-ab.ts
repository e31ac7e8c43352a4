/**
 * Blind A/B: two settings answer the same message, round after round; each round shows the two
 * replies as "A" and "B" in an order drawn afresh (and recorded), the person picks the better one
 * or a tie, and only at the end is it revealed which setting won how often. Both settings of a
 * round share one seed and the seed changes across rounds, so a round differs by the settings
 * alone and the rounds sample different dice.
 */
import { SEED_PARAM, type SamplingParams } from "../params";

export const MIN_ROUNDS = 1;
export const MAX_ROUNDS = 20;

/** Which of the two settings: 0 is "Setting 1", 1 is "Setting 2". */
export type SettingIndex = 0 | 1;
export type AbSide = "A" | "B";
export type AbPick = AbSide | "tie";

export interface AbRound {
  index: number;
  /** The seed both settings were sent with, when the upstream takes seeds. */
  seed?: number;
  /** The setting shown as "A" (the other is "B"): drawn per round. */
  aIs: SettingIndex;
  /** The person's pick, once made. */
  pick?: AbPick;
}

export interface AbTally {
  /** Rounds won by Setting 1 and by Setting 2. */
  wins: [number, number];
  ties: number;
  /** Rounds with a pick. */
  judged: number;
  rounds: number;
}

export const clampRounds = (n: number) => (Number.isFinite(n) ? Math.min(MAX_ROUNDS, Math.max(MIN_ROUNDS, Math.round(n))) : MIN_ROUNDS);

/** `random` is injectable (tests); the page uses Math.random, which is enough to hide an order from a person. */
export function planAbRounds(count: number, seedBase: number | null, random: () => number = Math.random): AbRound[] {
  return Array.from({ length: clampRounds(count) }, (_, index) => ({
    index,
    ...(seedBase !== null ? { seed: (Math.min(SEED_PARAM.max, Math.max(SEED_PARAM.min, Math.round(seedBase))) + index) % (SEED_PARAM.max + 1) } : {}),
    aIs: random() < 0.5 ? 0 : 1,
  }));
}

/** The setting behind a side of a round. */
export const settingShownAs = (round: Pick<AbRound, "aIs">, side: AbSide): SettingIndex => (side === "A" ? round.aIs : ((1 - round.aIs) as SettingIndex));

/** The setting a pick favours, or "tie"; undefined before a pick. */
export function pickedSetting(round: AbRound): SettingIndex | "tie" | undefined {
  if (!round.pick) return undefined;
  return round.pick === "tie" ? "tie" : settingShownAs(round, round.pick);
}

export function tallyAb(rounds: readonly AbRound[]): AbTally {
  const tally: AbTally = { wins: [0, 0], ties: 0, judged: 0, rounds: rounds.length };
  for (const round of rounds) {
    const winner = pickedSetting(round);
    if (winner === undefined) continue;
    tally.judged++;
    if (winner === "tie") tally.ties++;
    else tally.wins[winner]++;
  }
  return tally;
}

/** The params each round's setting is sent with: its own, with the round's seed (or none). */
export function roundParams(params: SamplingParams, round: Pick<AbRound, "seed">): SamplingParams {
  const sent = { ...params };
  delete sent.seed;
  return round.seed !== undefined ? { ...sent, seed: round.seed } : sent;
}
