import "server-only";
import { fitToCapabilities, type ProviderCapabilities } from "../../chat/capabilities";
import type { BatchObserver } from "../../chat/batch-observer";
import { errorEvent } from "../../chat/errors";
import type { EventBatch } from "../../chat/events";
import { AppError } from "../../errors";
import { ADVANCED_NUMERIC_PARAMS, STOP_PARAM } from "../../params";
import type { ChatRequest } from "../../chat/request";

/**
 * The served API does not degrade a request. The playground takes out what the upstream lacks and
 * says so in the stream's `warnings` event, which the page shows; an SDK client has no such place,
 * so there a setting the upstream cannot honour is a 400 naming it, before anything runs.
 */

/** Our field path for each setting fitToCapabilities may take out (its warning's `setting`). */
const FIELD_OF_SETTING: Record<string, string> = {
  Seed: "params.seed",
  [STOP_PARAM.label]: "params.stop",
  ...Object.fromEntries(ADVANCED_NUMERIC_PARAMS.map((p) => [p.label, `params.${p.key}`])),
  tools: "options.tools",
  "JSON mode": "options.responseFormat",
  "JSON schema": "options.responseFormat",
  "log-probabilities": "options.logprobs",
};

/** Throws AppError 400 naming the first setting of `request` the upstream would not honour. */
export function refuseUnsupportedSettings(request: ChatRequest, capabilities: ProviderCapabilities, upstream: string): void {
  const [warning] = fitToCapabilities(request, capabilities, upstream).warnings;
  if (!warning) return;
  const field = FIELD_OF_SETTING[warning.setting] ?? "";
  const message = `${upstream} does not support ${warning.setting}`;
  throw new AppError(400, "unsupported_parameter", `Invalid request: ${message}.`, [{ field, message: `not supported by ${upstream}` }]);
}

/**
 * A `warnings` event the provider still sends (one it can only know once it runs, such as the
 * embedded engine's "no log-probabilities for grammar-held replies") becomes the stream's error:
 * it comes before any content, so the client gets a 400 rather than a reply missing what it asked.
 */
export const refuseWarnings: BatchObserver = {
  batch(batch: EventBatch): EventBatch {
    const warned = batch.find((e) => e.type === "warnings");
    if (!warned || warned.type !== "warnings") return batch;
    return [errorEvent("invalid_request", warned.warnings.map((w) => w.message.replace(/\.$/, "")).join("; "))];
  },
};
