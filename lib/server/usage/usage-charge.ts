import "server-only";
import type { BatchObserver } from "../../chat/batch-observer";
import type { Usage } from "../../chat/events";
import { getUsageRepository } from "../services";
import type { UsageSurface } from "../../db/usage-repository";
import { MIXTRAL_PRICES, pricesFor } from "../../model/prices";
import { usageCost } from "../../model/pricing";
import { chargeTokens } from "../limits/usage-limits";

/** Whose usage a reply is: what the rate limits count under, and the access key it is recorded for. */
export interface UsageAccount {
  /** The rate limiters' key (usage-limits.ts limitKey). */
  limitKey: string;
  /** The access key's id, or null when the app has no keys (recorded under OPEN_USAGE_KEY). */
  accessKeyId: string | null;
  surface: UsageSurface;
  /** The model asked for, and the one the upstream serves by default (whose price is the page's). */
  model: string;
  servedModel: string;
}

/** Where usage is recorded when the app has no access keys: one account, everyone's. */
export const OPEN_USAGE_KEY = "open";

/**
 * Passes a reply's batches through and, when it ends, charges its tokens to the caller's
 * per-minute budget and records them (with the cost at the model's price) as the key's usage.
 * The tokens are the usage the upstream reported. A reply stopped or failed after some text but
 * before any usage came is estimated from its text (about 3 bytes a token) and recorded as
 * estimated; one that failed before any text is recorded as a request with no tokens (an upstream
 * that fails bills nothing), though its prompt still counts against the per-minute budget.
 */
export function usageCharge(account: UsageAccount, promptBytes: number): BatchObserver {
  let reported: Usage | undefined;
  let textBytes = 0;
  return {
    batch(batch) {
      for (const wrapped of batch) {
        // Several choices (OpenAI's n) arrive wrapped; their usage comes summed, unwrapped.
        const event = wrapped.type === "choice" ? wrapped.event : wrapped;
        if (event.type === "usage") reported = event.usage;
        else if (event.type === "text-delta") textBytes += event.text.length;
        else if (event.type === "tool-call-delta") textBytes += event.argumentsDelta.length;
      }
      return batch;
    },
    end() {
      const estimate = { promptTokens: Math.ceil(promptBytes / 3), completionTokens: Math.ceil(textBytes / 3) };
      const charged = reported ?? estimate;
      chargeTokens(account.limitKey, charged.promptTokens + charged.completionTokens);
      if (reported) void recordUsage(account, reported, false);
      else if (textBytes > 0) void recordUsage(account, estimate, true);
      else void recordUsage(account, { promptTokens: 0, completionTokens: 0 }, false);
    },
  };
}

async function recordUsage(account: UsageAccount, usage: Usage, estimated: boolean): Promise<void> {
  // The page's price is the served model's; another model (from the picker) has a price only if we know it.
  const prices = account.model === account.servedModel ? MIXTRAL_PRICES : pricesFor(account.model);
  try {
    const repository = await getUsageRepository();
    await repository.record({
      keyId: account.accessKeyId ?? OPEN_USAGE_KEY,
      model: account.model,
      surface: account.surface,
      at: new Date(),
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      estimated,
      costNanoUsd: prices ? Math.round(usageCost(usage, prices) * 1e9) : null,
    });
  } catch (error) {
    console.error(`Usage could not be recorded: ${(error as Error).message}`);
  }
}
