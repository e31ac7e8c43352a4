/**
 * A blind A/B's results as a share holds them: both sides' parameters and every round (its seed,
 * which side was shown as A, the pick). The message is the share's `messages`, side 1's parameters
 * also its `params`, so "Open in playground" opens the message with side 1. When the sides were two
 * saved versions of a prompt, `versions` names them and holds what each sent besides its parameters
 * (System Message, turns, functions and format, model); shares made before it have none and read
 * as two settings. Browser-safe.
 */
import { z } from "zod";
import { MAX_MESSAGES, MessageSchema, ModelIdSchema, OptionsSchema, ParamsSchema } from "../chat/schema";
import { MAX_ROUNDS } from "../evals/blind-ab";
import { SEED_PARAM, SYSTEM_MESSAGE_MAX_LENGTH } from "../params";
import { PROMPT_FILE_CAPS } from "../prompts/caps";

const SharedAbVersionSchema = z.strictObject({
  version: z.number({ error: "version must be a number" }).int({ error: "version must be a whole number" }).min(1, { error: "version must be at least 1" }),
  note: z.string({ error: "note must be a text" }).max(PROMPT_FILE_CAPS.note, { error: `note must be at most ${PROMPT_FILE_CAPS.note} characters` }).optional(),
  // Required, unlike a request's (which defaults it): a side without one would read as an empty System Message.
  systemMessage: z.string({ error: "systemMessage must be a text" }).max(SYSTEM_MESSAGE_MAX_LENGTH, { error: `systemMessage must be at most ${SYSTEM_MESSAGE_MAX_LENGTH} characters` }),
  /** The version's template turns, sent before the message judged. */
  turns: z.array(MessageSchema, { error: "turns must be a list of messages" }).max(MAX_MESSAGES - 1, { error: `turns must be at most ${MAX_MESSAGES - 1} messages` }),
  options: OptionsSchema.optional(),
  model: ModelIdSchema.optional(),
});

const SharedAbVersionsSchema = z
  .strictObject({
    prompt: z.string({ error: "prompt must be the prompt's name" }).min(1, { error: "prompt must not be empty" }).max(PROMPT_FILE_CAPS.name, { error: `prompt must be at most ${PROMPT_FILE_CAPS.name} characters` }),
    sides: z.tuple([SharedAbVersionSchema, SharedAbVersionSchema], { error: "sides must be two versions" }),
  })
  .refine((versions) => versions.sides[0].version !== versions.sides[1].version, { error: "sides must be two different versions", path: ["sides"] });

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
  /** Present when the two sides were saved versions of a prompt (`settings` are then their parameters). */
  versions: SharedAbVersionsSchema.optional(),
});
export type SharedBlindAb = z.infer<typeof SharedBlindAbSchema>;
