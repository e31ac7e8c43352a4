/**
 * ChatRequest → an OpenAI chat-completions body. The OpenAI-compatible provider sends it and
 * the code export prints it, so a snippet sends exactly what the playground sends.
 */
import type { ChatMessage, ChatRequest, RequestOptions } from "../../chat/request";
import { toUpstreamFields } from "../../params";

export function openAiChatBody(request: ChatRequest, model: string, stream: boolean): Record<string, unknown> {
  const { options } = request;
  return {
    model,
    messages: [...(request.systemMessage.trim() ? [{ role: "system", content: request.systemMessage }] : []), ...request.messages.map(openAiMessage)],
    ...toUpstreamFields(request.params),
    ...(options?.tools?.length
      ? { tools: options.tools.map((t) => ({ type: "function", function: { name: t.name, ...(t.description ? { description: t.description } : {}), parameters: t.parameters } })) }
      : {}),
    ...(options?.toolChoice ? { tool_choice: typeof options.toolChoice === "object" ? { type: "function", function: { name: options.toolChoice.name } } : options.toolChoice } : {}),
    ...(options?.responseFormat && options.responseFormat.type !== "text" ? { response_format: openAiResponseFormat(options.responseFormat) } : {}),
    // OpenAI's spelling: a flag, and how many alternatives per token (0–20).
    ...(request.options?.logprobs ? { logprobs: true, top_logprobs: request.options.logprobs.top } : {}),
    stream,
    // Usage in the stream, where the server supports it (others ignore the field).
    ...(stream ? { stream_options: { include_usage: true } } : {}),
  };
}

/** Our message in OpenAI's shape: calls as `tool_calls` (content null when there is no text), results as `tool` messages. */
function openAiMessage(m: ChatMessage): Record<string, unknown> {
  if (m.role === "tool") return { role: "tool", tool_call_id: m.toolCallId, content: m.content };
  if (m.role === "assistant" && m.toolCalls?.length) {
    return {
      role: "assistant",
      content: m.content || null,
      tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } })),
    };
  }
  return { role: m.role, content: m.content };
}

function openAiResponseFormat(format: Exclude<NonNullable<RequestOptions["responseFormat"]>, { type: "text" }>) {
  if (format.type === "json_object") return { type: "json_object" };
  return { type: "json_schema", json_schema: { name: format.name ?? "reply", schema: format.schema, strict: true } };
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
