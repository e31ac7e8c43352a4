/**
 * StreamEvents → OpenAI's chat-completions wire format (SSE chunks or one JSON completion), so
 * any OpenAI client, and the View code snippets, can use this server whatever provider is behind.
 */
import { randomUUID } from "node:crypto";
import type { EventBatch, FinishReason, StreamEvent, Usage } from "../../chat/events";
import { openAiErrorBody, openAiErrorResponse, openAiErrorStatus } from "./errors";

const line = (json: unknown) => `data: ${JSON.stringify(json)}\n\n`;

// A stopped reply ended on the client's request; OpenAI has no such reason, "stop" is closest.
const finishReason = (reason: FinishReason) => (reason === "abort" || reason === "other" ? "stop" : reason);

const usageFields = (usage: Usage) => ({
  prompt_tokens: usage.promptTokens,
  completion_tokens: usage.completionTokens,
  total_tokens: usage.promptTokens + usage.completionTokens,
});

const toolCallDelta = (e: Extract<StreamEvent, { type: "tool-call-delta" }>) => ({
  index: e.index,
  ...(e.id ? { id: e.id, type: "function" } : {}),
  function: { ...(e.name ? { name: e.name } : {}), arguments: e.argumentsDelta },
});

/** A stateful encoder for one stream: each batch becomes one string, written in one write. */
export function createOpenAiChunkEncoder(model: string, includeUsage: boolean) {
  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  // The fixed head of every chunk, serialised once: only the choices differ per token.
  const head = `data: {"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},"system_fingerprint":null,"choices":`;
  const chunk = (delta: object, finish: string | null = null) => `${head}[{"index":0,"delta":${JSON.stringify(delta)},"logprobs":null,"finish_reason":${JSON.stringify(finish)}}]}\n\n`;
  let started = false;
  let usage: Usage | undefined;

  function encodeOne(event: StreamEvent): string {
    let out = "";
    if (!started && event.type !== "error") {
      started = true;
      out += chunk({ role: "assistant", content: "" });
    }
    switch (event.type) {
      case "text-delta":
        return out + chunk({ content: event.text });
      case "tool-call-delta":
        return out + chunk({ tool_calls: [toolCallDelta(event)] });
      case "usage":
        usage = event.usage;
        return out;
      case "finish":
        out += chunk({}, finishReason(event.reason));
        if (includeUsage && usage) out += `${head}[],"usage":${JSON.stringify(usageFields(usage))}}\n\n`;
        return out + "data: [DONE]\n\n";
      case "error":
        return out + line(openAiErrorBody(event.code, event.message, openAiErrorStatus(event.code)));
      default:
        // warnings and log-probabilities have no place in this stream yet.
        return out;
    }
  }

  return function encode(batch: EventBatch): string {
    let out = "";
    for (const event of batch) out += encodeOne(event);
    return out;
  };
}

/** A whole non-streamed reply, or the error that ended it with its HTTP status. */
export async function completionFromBatches(batches: AsyncIterable<EventBatch>, model: string): Promise<Response> {
  let text = "";
  let usage: Usage | undefined;
  const calls: { id: string; type: "function"; function: { name: string; arguments: string } }[] = [];
  for await (const batch of batches) {
    for (const event of batch) {
      if (event.type === "text-delta") text += event.text;
      else if (event.type === "usage") usage = event.usage;
      else if (event.type === "tool-call-delta") {
        const call = (calls[event.index] ??= { id: event.id ?? `call_${event.index}`, type: "function", function: { name: "", arguments: "" } });
        if (event.name) call.function.name = event.name;
        call.function.arguments += event.argumentsDelta;
      } else if (event.type === "error") return openAiErrorResponse(event);
      else if (event.type === "finish") {
        const toolCalls = calls.filter(Boolean);
        return Response.json({
          id: `chatcmpl-${randomUUID()}`,
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model,
          system_fingerprint: null,
          choices: [
            {
              index: 0,
              message: { role: "assistant", content: toolCalls.length && !text ? null : text, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) },
              logprobs: null,
              finish_reason: finishReason(event.reason),
            },
          ],
          ...(usage ? { usage: usageFields(usage) } : {}),
        });
      }
    }
  }
  return openAiErrorResponse({ type: "error", code: "malformed_stream", message: "The reply ended without a finish." });
}
