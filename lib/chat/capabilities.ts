/**
 * What an upstream accepts, as data on the provider (never `if (kind === …)` in components).
 * It feeds validation (the context window), the token meter, the panel and the `warnings` event.
 */
import type { Warning } from "./events";
import { ADVANCED_NUMERIC_PARAMS, STOP_PARAM } from "../params";
import type { ChatRequest } from "./request";

export interface ProviderCapabilities {
  /** Prompt plus reply, in tokens. */
  contextWindow: number;
  /**
   * Streams one client may run at once before the upstream makes the rest wait (ModelsLab queues
   * 5 per account, the embedded engine has LOCAL_PARALLEL sequences): compare mode queues past it.
   */
  concurrentStreams: number;
  seed: boolean;
  /** Stop sequences (params.stop). */
  stop: boolean;
  /** top_k (params.topK): not part of the OpenAI API; vLLM, llama.cpp server and ModelsLab take it. */
  topK: boolean;
  /** repetition_penalty (params.repetitionPenalty), multiplicative, 1 = none: vLLM's and ModelsLab's extra. */
  repetitionPenalty: boolean;
  tools: boolean;
  jsonMode: boolean;
  jsonSchema: boolean;
  logprobs: boolean;
  /**
   * A request whose last message is the assistant's is continued (the reply grows from that text)
   * rather than answered anew: "Regenerate from here with this token" needs it.
   */
  continuation: boolean;
  /**
   * The top-k the upstream's sampler applies before top-p, when known (the embedded engine's);
   * the probabilities view needs it to redo the sampler's cut exactly.
   */
  samplerTopK?: number;
}

/**
 * The request as this upstream can take it, and a warning for each setting taken out, so the
 * stream can say so instead of the setting vanishing.
 */
export function fitToCapabilities(request: ChatRequest, can: ProviderCapabilities, upstream: string): { request: ChatRequest; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const params = { ...request.params };
  const options = { ...request.options };
  /** Takes a setting out when the upstream lacks it; `remove` deletes it from the copies above. */
  const fit = (present: boolean, supported: boolean, setting: string, remove: () => void) => {
    if (!present || supported) return;
    warnings.push({ setting, message: `${upstream} does not support ${setting}; it was not sent.` });
    remove();
  };
  let systemMessage = request.systemMessage;
  const format = options.responseFormat;
  // A schema the upstream cannot enforce still reaches the model: as JSON mode where it has that,
  // and as an instruction with the schema in either case. The warning says which happened.
  if (format?.type === "json_schema" && !can.jsonSchema) {
    systemMessage = [systemMessage.trim(), schemaInstruction(format.schema)].filter(Boolean).join("\n\n");
    if (can.jsonMode) {
      options.responseFormat = { type: "json_object" };
      warnings.push({ setting: "JSON schema", message: `${upstream} does not enforce a JSON schema; sent as JSON mode, with the schema in the instructions.` });
    } else {
      delete options.responseFormat;
      warnings.push({ setting: "JSON schema", message: `${upstream} has no JSON mode; the schema was sent as an instruction only, so the reply may not be valid JSON.` });
    }
  }
  fit(params.seed !== undefined, can.seed, "Seed", () => delete params.seed);
  fit(!!params.stop?.length, can[STOP_PARAM.capability], STOP_PARAM.label, () => delete params.stop);
  for (const p of ADVANCED_NUMERIC_PARAMS) fit(params[p.key] !== undefined, can[p.capability], p.label, () => delete params[p.key]);
  fit(!!options.tools?.length, can.tools, "tools", () => (delete options.tools, delete options.toolChoice));
  fit(options.responseFormat?.type === "json_object", can.jsonMode, "JSON mode", () => delete options.responseFormat);
  fit(!!options.logprobs, can.logprobs, "log-probabilities", () => delete options.logprobs);
  // A continuation cannot be taken out without changing what is asked: the routes refuse it up
  // front (lib/server/chat/parse-chat-request), never turning it silently into a new reply.
  if (!warnings.length) return { request, warnings };
  return { request: { ...request, systemMessage, params, options }, warnings };
}

/** What a model is told when its upstream cannot hold it to a schema. */
export const schemaInstruction = (schema: Record<string, unknown>) =>
  `Reply with only a JSON value, no other text, that is valid against this JSON Schema:\n${JSON.stringify(schema)}`;

