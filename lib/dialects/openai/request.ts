/**
 * ChatRequest → an OpenAI chat-completions body. The OpenAI-compatible provider sends it and
 * the code export prints it, so a snippet sends exactly what the playground sends.
 */
import type { ChatRequest } from "../../chat/request";
import { toUpstreamFields } from "../../params";

export function openAiChatBody(request: ChatRequest, model: string, stream: boolean): Record<string, unknown> {
  return {
    model,
    messages: [...(request.systemMessage.trim() ? [{ role: "system", content: request.systemMessage }] : []), ...request.messages],
    ...toUpstreamFields(request.params),
    // OpenAI's spelling: a flag, and how many alternatives per token (0–20).
    ...(request.options?.logprobs ? { logprobs: true, top_logprobs: request.options.logprobs.top } : {}),
    stream,
    // Usage in the stream, where the server supports it (others ignore the field).
    ...(stream ? { stream_options: { include_usage: true } } : {}),
  };
}

export interface UpstreamBodyOptions {
  /** Some servers name a field differently (Mistral: seed → random_seed). */
  renameFields?: Record<string, string>;
  /** ModelsLab's page shows the key and model id inside the JSON body; some accounts need that form. */
  keyInBody?: string;
}

/** The body one upstream receives: the standard body, adjusted to that server's spelling. */
export function upstreamChatBody(request: ChatRequest, model: string, options: UpstreamBodyOptions): Record<string, unknown> {
  const body = openAiChatBody(request, model, true);
  for (const [from, to] of Object.entries(options.renameFields ?? {})) {
    if (from in body) {
      body[to] = body[from];
      delete body[from];
    }
  }
  if (options.keyInBody) {
    body.key = options.keyInBody;
    body.model_id = model;
  }
  return body;
}
