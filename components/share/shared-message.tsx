import type { ReactNode } from "react";
import type { SharedMessage } from "@/lib/shares/snapshot";
import type { Prices } from "@/lib/model/pricing";
import { ReplyStats } from "../chat/reply-stats";
import { ToolCallCards } from "../chat/tool-calls";
import { StaticMarkdown } from "../markdown/static-markdown";
import { ReproduceReply } from "./reproduce-reply";
import { SharedTokenProbabilities } from "./shared-token-probabilities";

/** One message of a shared conversation, read-only. User text is plain text; replies are safe markdown. */
export function SharedMessageItem({
  message,
  prices,
  showStats = true,
  position = 0,
  versions,
}: {
  message: SharedMessage;
  prices: Prices | null;
  showStats?: boolean;
  /** Unique on the page: anchors of the token-probability table are named after it. */
  position?: number;
  /** Previous / Next version, for a message of a shared tree that has other versions. */
  versions?: ReactNode;
}) {
  const isUser = message.role === "user";
  if (message.role === "tool") {
    return (
      <li className="w-full rounded-lg border border-dashed border-line px-3 py-2 text-sm" aria-label="Function result" data-role="tool">
        <p className="text-xs text-muted">Result for call {message.toolCallId}, entered by the user</p>
        <pre className="mt-1 whitespace-pre-wrap break-words font-mono text-xs" data-testid="tool-result">
          {message.content}
        </pre>
      </li>
    );
  }
  return (
    <li
      className={`rounded-lg px-3 py-2 ${isUser ? "ml-auto max-w-[85%] bg-subtle" : "w-full"}`}
      aria-label={isUser ? "User message" : "Assistant reply"}
      data-role={message.role}
    >
      {isUser ? (
        <p className="whitespace-pre-wrap break-words" data-testid="message-text">
          {message.content}
        </p>
      ) : (
        <div className="message-text" data-testid="reply-text">
          <StaticMarkdown text={message.content} />
        </div>
      )}
      {!isUser && message.toolCalls?.length ? <ToolCallCards calls={message.toolCalls} streaming={false} /> : null}
      {!isUser && message.logprobs?.length ? <SharedTokenProbabilities message={message} position={position} /> : null}
      {!isUser && message.continuedAt !== undefined ? (
        <p className="mt-1 text-xs text-muted">Continued from token {message.continuedAt + 1}, which the user chose.</p>
      ) : null}
      {!isUser && showStats ? <ReplyStats usage={message.usage} metrics={message.metrics} prices={prices} /> : null}
      {message.finishReason === "abort" ? <p className="mt-1 text-xs text-muted">Stopped by the user.</p> : null}
      {message.finishReason === "length" ? <p className="mt-1 text-xs text-muted">Reached Max Tokens.</p> : null}
      {message.error ? <p className="mt-1 text-xs text-muted">The reply ended with an error: {message.error}</p> : null}
      {!isUser && !message.verified ? (
        <p className="mt-1 text-xs font-medium text-amber-800 dark:text-amber-200" data-testid="unverified-reply">
          Edited or not generated here: this reply carries no valid signature from this server.
        </p>
      ) : null}
      {!isUser ? <ReproduceReply message={message} /> : null}
      {versions ? <div className="mt-1 text-xs">{versions}</div> : null}
    </li>
  );
}
