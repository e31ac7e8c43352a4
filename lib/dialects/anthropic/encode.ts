/**
 * StreamEvents → Anthropic's Messages wire format, for this app's own Messages API
 * (/api/v1/messages): the full SSE sequence (message_start, ping, content_block_start / delta /
 * stop for text and for each tool_use with input_json_delta pieces, message_delta with the stop
 * reason and usage, message_stop; an `error` event for a failure mid-stream), or one message JSON.
 * The inverse of decode.ts, and tested through it.
 *
 * Our events number tool calls 0, 1, … (OpenAI's way); Anthropic numbers content blocks, text and
 * tool_use alike, so blocks are counted here as they open. A block is closed when the next opens.
 */
import { randomBytes } from "node:crypto";
import type { EventBatch, FinishReason, StreamEvent, Usage } from "../../chat/events";
import { anthropicErrorBody, anthropicErrorEventResponse, anthropicErrorStatus } from "./errors";

export type AnthropicStopReason = "end_turn" | "max_tokens" | "stop_sequence" | "tool_use" | "refusal" | "model_context_window_exceeded";

const randomId = (prefix: string) => `${prefix}_01${randomBytes(12).toString("hex")}`;
export const anthropicMessageId = () => randomId("msg");

/**
 * Our finish reason in Anthropic's words. A "stop" is stop_sequence when the finish names the
 * sequence (the embedded engine and Anthropic-compatible upstreams do), else end_turn; a reply that
 * made calls ended to have them run (tool_use) even when the upstream called it a plain stop.
 * `windowCapped`: max_tokens was lowered to the room the prompt left, so a reply cut off by
 * length hit the context window, not the client's limit (as Anthropic's newer models report it).
 */
export function anthropicStopReason(reason: FinishReason, madeCalls: boolean, stopSequence?: string, windowCapped = false): AnthropicStopReason {
  if (reason === "length") return windowCapped ? "model_context_window_exceeded" : "max_tokens";
  if (reason === "stop" && stopSequence !== undefined) return "stop_sequence";
  if (reason === "tool_calls" || madeCalls) return "tool_use";
  if (reason === "content_filter") return "refusal";
  return "end_turn";
}

/** The sequence that ended a reply on a stop, else null (Anthropic's `stop_sequence`). */
const stopSequenceOf = (e: Extract<StreamEvent, { type: "finish" }>) => (e.reason === "stop" && e.stopSequence !== undefined ? e.stopSequence : null);

const event = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

export interface AnthropicEncodeOptions {
  /** The prompt's tokens, known before the reply (message_start carries them); the usage event's count wins at the end. */
  inputTokens?: number;
  /** The id of the message; a fresh msg_… by default. */
  id?: string;
  /** max_tokens was lowered to fit the context window (see anthropicStopReason). */
  windowCapped?: boolean;
}

/** A stateful encoder for one stream: each batch becomes one string, written in one write. */
export function createAnthropicEventEncoder(model: string, { inputTokens = 0, id = anthropicMessageId(), windowCapped = false }: AnthropicEncodeOptions = {}) {
  let started = false;
  let ended = false;
  let blocks = 0;
  /** The open content block: text (with its source block number) or one tool call (by our call index). */
  let open: { index: number; kind: "text"; source: number } | { index: number; kind: "tool"; call: number } | undefined;
  const seenCalls = new Set<number>();
  let usage: Usage | undefined;

  const close = (out: string[]) => {
    if (open) out.push(event("content_block_stop", { index: open.index }));
    open = undefined;
  };

  function encodeOne(e: StreamEvent, out: string[]) {
    switch (e.type) {
      case "text-delta": {
        if (!e.text) return;
        const source = e.block ?? 0;
        if (open?.kind !== "text" || open.source !== source) {
          close(out);
          open = { index: blocks++, kind: "text", source };
          out.push(event("content_block_start", { index: open.index, content_block: { type: "text", text: "" } }));
        }
        out.push(event("content_block_delta", { index: open.index, delta: { type: "text_delta", text: e.text } }));
        return;
      }
      case "tool-call-delta": {
        if (!(open?.kind === "tool" && open.call === e.index)) {
          // A piece of a call whose block is already closed cannot be sent any more (providers send calls one after another).
          if (seenCalls.has(e.index)) return;
          seenCalls.add(e.index);
          close(out);
          open = { index: blocks++, kind: "tool", call: e.index };
          out.push(event("content_block_start", { index: open.index, content_block: { type: "tool_use", id: e.id ?? randomId("toolu"), name: e.name ?? "", input: {} } }));
        }
        if (e.argumentsDelta) out.push(event("content_block_delta", { index: open.index, delta: { type: "input_json_delta", partial_json: e.argumentsDelta } }));
        return;
      }
      case "usage":
        usage = e.usage;
        return;
      case "finish": {
        close(out);
        const promptTokens = usage?.promptTokens ?? inputTokens;
        out.push(
          event("message_delta", {
            delta: { stop_reason: anthropicStopReason(e.reason, seenCalls.size > 0, e.stopSequence, windowCapped), stop_sequence: stopSequenceOf(e) },
            usage: { input_tokens: promptTokens, output_tokens: usage?.completionTokens ?? 0 },
          }),
        );
        out.push(event("message_stop", {}));
        ended = true;
        return;
      }
      case "error":
        out.push(`event: error\ndata: ${JSON.stringify(anthropicErrorBody(anthropicErrorStatus(e.code), e.message))}\n\n`);
        ended = true;
        return;
      default:
        // warnings (the served route refuses what would be warned about), logprobs (no such field), choices (no `n` here).
        return;
    }
  }

  return function encode(batch: EventBatch): string {
    const out: string[] = [];
    if (!started) {
      started = true;
      out.push(
        event("message_start", {
          message: { id, type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: inputTokens, output_tokens: 0 } },
        }),
      );
      out.push(event("ping", {}));
    }
    for (const e of batch) if (!ended) encodeOne(e, out);
    return out.join("");
  };
}

export type AnthropicContentBlock = { type: "text"; text: string } | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> };

export interface AnthropicMessageJson {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: AnthropicContentBlock[];
  stop_reason: AnthropicStopReason;
  stop_sequence: string | null;
  usage: { input_tokens: number; output_tokens: number };
}

/** `tool_use.input` is an object: the call's JSON arguments, or {} when they are none or not an object. */
function parsedInput(args: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(args || "{}");
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    /* cut off: nothing usable */
  }
  return {};
}

/** One whole reply's events as Anthropic's message, or the error event that ended it. */
export function anthropicMessageFromEvents(events: Iterable<StreamEvent>, model: string, { inputTokens = 0, id = anthropicMessageId(), windowCapped = false }: AnthropicEncodeOptions = {}): AnthropicMessageJson | Extract<StreamEvent, { type: "error" }> | undefined {
  const content: (AnthropicContentBlock & { source?: number; call?: number; args?: string })[] = [];
  let usage: Usage | undefined;
  for (const e of events) {
    if (e.type === "text-delta" && e.text) {
      const last = content.at(-1);
      if (last?.type === "text" && last.source === (e.block ?? 0)) last.text += e.text;
      else content.push({ type: "text", text: e.text, source: e.block ?? 0 });
    } else if (e.type === "tool-call-delta") {
      let call = content.find((b) => b.type === "tool_use" && b.call === e.index);
      if (!call) content.push((call = { type: "tool_use", id: e.id ?? randomId("toolu"), name: e.name ?? "", input: {}, call: e.index, args: "" }));
      if (call.type === "tool_use") {
        if (e.name) call.name = e.name;
        call.args += e.argumentsDelta;
      }
    } else if (e.type === "usage") usage = e.usage;
    else if (e.type === "error") return e;
    else if (e.type === "finish") {
      const blocks = content.map((b): AnthropicContentBlock => (b.type === "text" ? { type: "text", text: b.text } : { type: "tool_use", id: b.id, name: b.name, input: parsedInput(b.args ?? "") }));
      return {
        id,
        type: "message",
        role: "assistant",
        model,
        content: blocks,
        stop_reason: anthropicStopReason(e.reason, blocks.some((b) => b.type === "tool_use"), e.stopSequence, windowCapped),
        stop_sequence: stopSequenceOf(e),
        usage: { input_tokens: usage?.promptTokens ?? inputTokens, output_tokens: usage?.completionTokens ?? 0 },
      };
    }
  }
  return undefined;
}

/** A whole non-streamed reply as Anthropic's message JSON, or its error with the status of its class. */
export async function anthropicMessageFromBatches(batches: AsyncIterable<EventBatch>, model: string, options: AnthropicEncodeOptions = {}): Promise<Response> {
  const events: StreamEvent[] = [];
  for await (const batch of batches) {
    events.push(...batch);
    if (batch.some((e) => e.type === "finish" || e.type === "error")) break;
  }
  const message = anthropicMessageFromEvents(events, model, options);
  if (!message) return anthropicErrorEventResponse({ type: "error", code: "malformed_stream", message: "The reply ended without a finish." });
  if (message.type === "error") return anthropicErrorEventResponse(message);
  return Response.json(message);
}
