/**
 * StreamEvents → OpenAI's chat-completions wire format (SSE chunks or one JSON completion), so
 * any OpenAI client, and the View code snippets, can use this server whatever provider is behind.
 *
 * One generation's events (n = 1) are choice 0. Several (OpenAI's `n`) arrive merged
 * (lib/chat/merge-choices.ts): each event wrapped with its choice's index, each choice with its
 * own finish, and one plain finish after them all.
 */
import { randomUUID } from "node:crypto";
import type { ChoiceContentEvent, EventBatch, FinishReason, StreamEvent, TokenLogprob, Usage } from "../../chat/events";
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

export interface OpenAiEncodeOptions {
  /** The request's `top_logprobs` when it asked for `logprobs`: each token lists this many alternatives. */
  topLogprobs?: number;
}

const utf8 = new TextEncoder();
const bytesOf = (text: string) => Array.from(utf8.encode(text));

/** Our token entries in OpenAI's `logprobs.content[]` shape, with `top` alternatives each. */
export function openAiLogprobs(tokens: readonly TokenLogprob[], top: number) {
  return tokens.map((t) => ({
    token: t.token,
    logprob: t.logprob,
    bytes: bytesOf(t.token),
    top_logprobs: (t.top ?? []).slice(0, top).map((alt) => ({ token: alt.token, logprob: alt.logprob, bytes: bytesOf(alt.token) })),
  }));
}

/** The events of one choice, flattened: a plain event is choice 0's, a wrapped one its index's. */
const choiceOf = (event: StreamEvent): { index: number; event: StreamEvent | ChoiceContentEvent } =>
  event.type === "choice" ? { index: event.index, event: event.event } : { index: 0, event };

/** A stateful encoder for one stream: each batch becomes one string, written in one write. */
export function createOpenAiChunkEncoder(model: string, includeUsage: boolean, { topLogprobs = 0 }: OpenAiEncodeOptions = {}) {
  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  // The fixed head of every chunk, serialised once: only the choices differ per token.
  const head = `data: {"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},"system_fingerprint":null,"choices":`;
  const chunk = (index: number, delta: object, finish: string | null = null, logprobs: unknown = null) =>
    `${head}[{"index":${index},"delta":${JSON.stringify(delta)},"logprobs":${JSON.stringify(logprobs)},"finish_reason":${JSON.stringify(finish)}}]}\n\n`;
  const started = new Set<number>();
  let merged = false;
  let usage: Usage | undefined;

  /** Encodes `batch[i]` (and the logprobs event after a text delta, which belongs in its chunk); returns how many it used. */
  function encodeAt(batch: EventBatch, i: number, out: string[]): number {
    const wrapped = batch[i];
    if (wrapped.type === "choice") merged = true;
    const { index, event } = choiceOf(wrapped);
    if (event.type === "usage") {
      usage = event.usage;
      return 1;
    }
    if (event.type === "error") {
      out.push(line(openAiErrorBody(event.code, event.message, openAiErrorStatus(event.code))));
      return 1;
    }
    // A merged stream's own finish closes it; each choice already sent its finish_reason.
    if (event.type === "finish" && wrapped.type !== "choice" && merged) {
      if (includeUsage && usage) out.push(`${head}[],"usage":${JSON.stringify(usageFields(usage))}}\n\n`);
      out.push("data: [DONE]\n\n");
      return 1;
    }
    if (event.type === "warnings") return 1; // the served route refuses what would be warned about
    if (!started.has(index)) {
      started.add(index);
      out.push(chunk(index, { role: "assistant", content: "" }));
    }
    switch (event.type) {
      case "text-delta": {
        const next = batch[i + 1] && choiceOf(batch[i + 1]);
        if (next && next.index === index && next.event.type === "logprobs") {
          out.push(chunk(index, { content: event.text }, null, { content: openAiLogprobs(next.event.tokens, topLogprobs), refusal: null }));
          return 2;
        }
        out.push(chunk(index, { content: event.text }));
        return 1;
      }
      case "logprobs":
        out.push(chunk(index, {}, null, { content: openAiLogprobs(event.tokens, topLogprobs), refusal: null }));
        return 1;
      case "tool-call-delta":
        out.push(chunk(index, { tool_calls: [toolCallDelta(event)] }));
        return 1;
      case "finish":
        out.push(chunk(index, {}, finishReason(event.reason)));
        if (wrapped.type !== "choice") {
          if (includeUsage && usage) out.push(`${head}[],"usage":${JSON.stringify(usageFields(usage))}}\n\n`);
          out.push("data: [DONE]\n\n");
        }
        return 1;
      default:
        return 1;
    }
  }

  return function encode(batch: EventBatch): string {
    const out: string[] = [];
    for (let i = 0; i < batch.length; ) i += encodeAt(batch, i, out);
    return out.join("");
  };
}

interface ChoiceState {
  text: string;
  calls: { id: string; type: "function"; function: { name: string; arguments: string } }[];
  logprobs: TokenLogprob[];
  finish?: FinishReason;
}

/**
 * A whole non-streamed reply, or the error that ended it with its HTTP status. `logprobs`: the
 * request asked for them (each choice then carries `logprobs.content`, else `logprobs: null`).
 */
export async function completionFromBatches(batches: AsyncIterable<EventBatch>, model: string, logprobs?: { top: number }): Promise<Response> {
  const choices: ChoiceState[] = [];
  const state = (index: number) => (choices[index] ??= { text: "", calls: [], logprobs: [] });
  let usage: Usage | undefined;
  for await (const batch of batches) {
    for (const wrapped of batch) {
      const { index, event } = choiceOf(wrapped);
      if (event.type === "text-delta") state(index).text += event.text;
      else if (event.type === "logprobs") state(index).logprobs.push(...event.tokens);
      else if (event.type === "usage") usage = event.usage;
      else if (event.type === "tool-call-delta") {
        const calls = state(index).calls;
        const call = (calls[event.index] ??= { id: event.id ?? `call_${event.index}`, type: "function", function: { name: "", arguments: "" } });
        if (event.name) call.function.name = event.name;
        call.function.arguments += event.argumentsDelta;
      } else if (event.type === "error") return openAiErrorResponse(event);
      else if (event.type === "finish") {
        if (wrapped.type === "choice") {
          state(index).finish = event.reason;
          continue;
        }
        // One generation: this is choice 0's finish. Merged: every choice has its own already.
        if (!choices.length || choices[0].finish === undefined) state(0).finish = event.reason;
        return Response.json({
          id: `chatcmpl-${randomUUID()}`,
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model,
          system_fingerprint: null,
          choices: Array.from(choices, (choice, i) => {
            const c = choice ?? { text: "", calls: [], logprobs: [], finish: event.reason };
            const toolCalls = c.calls.filter(Boolean);
            return {
              index: i,
              message: { role: "assistant", content: toolCalls.length && !c.text ? null : c.text, refusal: null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) },
              logprobs: logprobs ? { content: openAiLogprobs(c.logprobs, logprobs.top), refusal: null } : null,
              finish_reason: finishReason(c.finish ?? event.reason),
            };
          }),
          ...(usage ? { usage: usageFields(usage) } : {}),
        });
      }
    }
  }
  return openAiErrorResponse({ type: "error", code: "malformed_stream", message: "The reply ended without a finish." });
}
