/**
 * A blind A/B's results as a share holds them: both settings and every round (its seed, which
 * setting was shown as A, the pick). The message is the share's `messages`, Setting 1 also its
 * `params`, so "Open in playground" opens the message with Setting 1. Browser-safe.
 */
import { z } from "zod";
import { ParamsSchema } from "../chat/schema";
import { MAX_ROUNDS } from "../evals/blind-ab";
import { SEED_PARAM } from "../params";

export const SharedBlindAbSchema = z.strictObject({
  settings: z.tuple([ParamsSchema, ParamsSchema], { error: "blindAb.settings must be two parameter sets" }),
  rounds: z
    .array(
      z.strictObject({
        index: z.number().int().min(0).max(MAX_ROUNDS - 1),
        seed: z.number().int().min(SEED_PARAM.min).max(SEED_PARAM.max).optional(),
        aIs: z.union([z.literal(0), z.literal(1)]),
        pick: z.enum(["A", "B", "tie"]).optional(),
      }),
    )
    .min(1, { error: "a blind A/B has at least one round" })
    .max(MAX_ROUNDS, { error: `a blind A/B has at most ${MAX_ROUNDS} rounds` }),
});
export type SharedBlindAb = z.infer<typeof SharedBlindAbSchema>;
