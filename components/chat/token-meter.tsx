"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { countRequestTokens } from "@/lib/client/count-tokens";
import { ApiError } from "@/lib/client/json-api";
import { useDebouncedValue } from "@/lib/client/use-debounced-value";
import { useActivePrices } from "@/lib/client/use-models";
import { CONTEXT_WINDOW } from "@/lib/params";
import { costOf, formatCount, formatUsd } from "@/lib/pricing";
import { useConversationStore, type UiMessage } from "@/lib/store/conversation-store";
import { useParamsStore } from "@/lib/store/params-store";

/**
 * The whole request's prompt tokens as it would be sent now (system + history + this draft, in
 * the Mixtral template), its input cost, and how much of the 32,768-token window it and Max
 * Tokens take. Counted exactly on the server, a moment after typing stops.
 */
export function TokenMeter({ draft }: { draft: string }) {
  // While a reply streams the messages change ~30 times a second and the count waits anyway:
  // hold the last settled list so the meter does not re-render with every delta.
  const messages = useSettledMessages();
  const systemMessage = useParamsStore((s) => s.systemMessage);
  const maxTokens = useParamsStore((s) => s.params.maxTokens);
  const prices = useActivePrices();

  const body = useMemo(() => {
    const history = messages.filter((m) => m.role === "user" || m.content !== "").map(({ role, content }) => ({ role, content }));
    return { systemMessage, messages: draft.trim() ? [...history, { role: "user" as const, content: draft.trim() }] : history };
  }, [messages, systemMessage, draft]);
  const settled = useDebouncedValue(body, 250);
  const streaming = useConversationStore((s) => s.isStreaming);

  const count = useQuery({
    queryKey: ["count-tokens", settled],
    queryFn: ({ signal }) => countRequestTokens(settled, signal),
    enabled: !streaming,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    // A refusal (too long to fit) will not change on a second try.
    retry: (failures, error) => failures < 1 && !(error instanceof ApiError && error.status === 400),
  });

  if (!count.data) {
    // A prompt too long to fit is refused from its length, uncounted: say why, as sending would.
    if (!(count.error instanceof ApiError && count.error.status === 400)) return null;
    return (
      <p role="status" className="mt-2 text-xs font-medium text-amber-700 dark:text-amber-300" data-testid="token-meter">
        {count.error.message}
      </p>
    );
  }
  const { promptTokens } = count.data;
  const room = CONTEXT_WINDOW - promptTokens;
  const overflows = promptTokens + maxTokens > CONTEXT_WINDOW;
  const used = Math.min(CONTEXT_WINDOW, promptTokens + maxTokens);

  return (
    <div className="mt-2 space-y-1 text-xs text-muted" data-testid="token-meter">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span>
          Prompt <span className="font-medium text-fg tabular-nums" data-testid="prompt-tokens">{formatCount(promptTokens)}</span> tokens
        </span>
        {prices ? (
          <span>
            Input cost <span className="font-medium text-fg tabular-nums" data-testid="input-cost">{formatUsd(costOf(promptTokens, prices.inputPerMillion))}</span>
          </span>
        ) : null}
        <label className="flex items-center gap-2">
          <span>Context</span>
          <meter className="h-2 w-28" min={0} max={CONTEXT_WINDOW} low={CONTEXT_WINDOW * 0.75} high={CONTEXT_WINDOW * 0.95} optimum={0} value={used} />
          <span className="tabular-nums">
            {formatCount(promptTokens)} + {formatCount(maxTokens)} of {formatCount(CONTEXT_WINDOW)}
          </span>
        </label>
      </div>
      {overflows ? (
        <p role="status" className="font-medium text-amber-700 dark:text-amber-300">
          {room < 1
            ? `The prompt fills the ${formatCount(CONTEXT_WINDOW)}-token window: shorten it or clear older messages.`
            : `Max Tokens ${formatCount(maxTokens)} would overflow the ${formatCount(CONTEXT_WINDOW)}-token window: at most ${formatCount(room)} remain.`}
        </p>
      ) : null}
    </div>
  );
}

const EMPTY: UiMessage[] = [];

function useSettledMessages(): UiMessage[] {
  const live = useConversationStore((s) => (s.isStreaming ? null : s.messages));
  const [held, setHeld] = useState<UiMessage[]>(EMPTY);
  if (live !== null && live !== held) setHeld(live);
  return live ?? held;
}
