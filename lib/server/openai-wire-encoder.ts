import "server-only";
import { randomUUID } from "node:crypto";
import type { FinishReason, StreamEvent, Usage } from "../stream/events";

/**
 * Our StreamEvents in OpenAI's chat-completions wire format, so any OpenAI client (and the
 * View code snippets) can talk to this server, whatever provider is behind it.
 */
const encoder = new TextEncoder();
const line = (json: unknown) => encoder.encode(`data: ${JSON.stringify(json)}\n\n`);

// A stopped reply ended on the client's request; OpenAI has no such reason, "stop" is closest.
const finishReason = (reason: FinishReason) => (reason === "abort" ? "stop" : reason);

const usageFields = (usage: Usage) => ({
  prompt_tokens: usage.promptTokens,
  completion_tokens: usage.completionTokens,
  total_tokens: usage.promptTokens + usage.completionTokens,
});

const errorBody = (event: Extract<StreamEvent, { type: "error" }>) => ({ error: { message: event.message, type: "server_error", code: event.code } });

export function createOpenAiChunkEncoder(model: string, includeUsage: boolean) {
  const base = { id: `chatcmpl-${randomUUID()}`, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model };
  let started = false;
  let usage: Usage | undefined;
  const chunk = (delta: object, finish: string | null = null) => line({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] });

  return function encode(event: StreamEvent): Uint8Array {
    const parts: Uint8Array[] = [];
    if (!started && event.type !== "error") {
      started = true;
      parts.push(chunk({ role: "assistant", content: "" }));
    }
    if (event.type === "text-delta") parts.push(chunk({ content: event.text }));
    else if (event.type === "usage") usage = event.usage;
    else if (event.type === "finish") {
      parts.push(chunk({}, finishReason(event.reason)));
      if (includeUsage && usage) parts.push(line({ ...base, choices: [], usage: usageFields(usage) }));
      parts.push(encoder.encode("data: [DONE]\n\n"));
    } else if (event.type === "error") parts.push(line(errorBody(event)));
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  };
}

/** A whole non-streamed reply, or the error that ended it with an HTTP status. */
export async function completionFromEvents(events: AsyncIterable<StreamEvent>, model: string): Promise<Response> {
  let text = "";
  let usage: Usage | undefined;
  for await (const event of events) {
    if (event.type === "text-delta") text += event.text;
    else if (event.type === "usage") usage = event.usage;
    else if (event.type === "error") return Response.json(errorBody(event), { status: event.code === "rate_limited" ? 429 : 502 });
    else if (event.type === "finish") {
      return Response.json({
        id: `chatcmpl-${randomUUID()}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: finishReason(event.reason) }],
        ...(usage ? { usage: usageFields(usage) } : {}),
      });
    }
  }
  return Response.json({ error: { message: "The reply ended without a finish.", type: "server_error", code: "malformed_stream" } }, { status: 502 });
}
