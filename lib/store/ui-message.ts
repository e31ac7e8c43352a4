/** A message as the playground keeps and shows it. */
import type { FinishReason, TokenLogprob, Usage, Warning } from "../chat/events";
import type { ErrorCode } from "../chat/events";
import type { SamplingParams } from "../params";
import type { OfferedTools, ReplyFormat } from "../chat/reply-shaping";

export interface ToolCall {
  id?: string;
  name: string;
  /** JSON text, accumulated from the deltas; complete only once the reply finished. */
  arguments: string;
}

export interface UiMessage {
  id: string;
  role: "user" | "assistant" | "tool";
  content: string;
  /** Tool messages: the call (of the assistant message before) this is the result of. */
  toolCallId?: string;
  /** Assistant messages only. */
  state?: "streaming" | "done" | "stopped" | "error";
  finishReason?: FinishReason;
  /** The server's signature over this reply and what produced it (lib/signing): shares verify it. */
  signature?: string;
  /** The settings the reply was requested with (the history is the messages before it). */
  generation?: { systemMessage: string; params: SamplingParams; model?: string };
  /** The functions offered with the request (they are part of what the model read: Show model input). */
  offeredTools?: OfferedTools;
  error?: { code: ErrorCode; message: string; retryAfter?: number };
  usage?: Usage;
  toolCalls?: ToolCall[];
  /** Settings the upstream did not honour for this reply. */
  warnings?: Warning[];
  logprobs?: TokenLogprob[];
  /** The JSON form the reply was asked for (JSON mode or a schema): its badge checks the reply against it. */
  format?: ReplyFormat;
  /**
   * Set when the reply was continued from a token the user picked ("Regenerate from here with
   * this token"): the index of that token. Such a reply is partly the user's choice, so it keeps
   * no signature.
   */
  continuedAt?: number;
  /** Measured in the browser for each reply. */
  metrics?: ReplyMetrics;
}

export interface ReplyMetrics {
  timeToFirstTokenMs: number;
  totalMs: number;
  /** Completion tokens over the time from first to last token; absent without a token count. */
  tokensPerSecond?: number;
}
