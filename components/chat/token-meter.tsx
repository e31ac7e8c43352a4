"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { countRequestTokens } from "@/lib/client/count-tokens";
import { ApiError } from "@/lib/client/json-api";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { useActivePrices } from "@/lib/hooks/use-models";
import { costOf, formatCount, formatUsd } from "@/lib/model/pricing";
import { useParamsStore } from "@/lib/store/params-store";
import { toRequestMessages } from "@/lib/chat/request-messages";
import { useVariableValues } from "@/lib/hooks/use-variable-values";
import { fillRequest } from "@/lib/prompts/fill-request";
import { useConversation } from "./conversation-context";

/**
 * The whole request's prompt tokens as it would be sent now (system + history + this draft, in
 * the Mixtral template), its input cost, and how much of the serving upstream's context window
 * (the server's answer says which: 8,192 on the embedded engine by default, 32,768 for Mixtral)
 * it and Max Tokens take. Counted exactly on the server, a moment after typing stops.
 */
export function TokenMeter({ draft }: { draft: string }) {
  // While a reply streams the messages change up to 20 times a second, the draft has just been sent
  // and the prompt is the one being answered: hold the last request and its count until it ends.
  const messages = useConversation((s) => (s.isStreaming ? null : s.messages));
  const systemMessage = useParamsStore((s) => s.systemMessage);
  const maxTokens = useParamsStore((s) => s.params.maxTokens);
  const prices = useActivePrices();
  const values = useVariableValues();

  const live = useMemo(() => {
    // Mounted mid-reply (a compare column, say), there is no earlier request to hold: count the system message.
    const history = messages === null ? [] : toRequestMessages(messages);
    // Counted as Send would fill it.
    return fillRequest({ systemMessage, messages: draft.trim() ? [...history, { role: "user" as const, content: draft.trim() }] : history }, values);
  }, [messages, systemMessage, draft, values]);
  const settled = useDebouncedValue(useHeldWhile(live, messages === null), 250);

  const count = useQuery({
    queryKey: ["count-tokens", settled],
    queryFn: ({ signal }) => countRequestTokens(settled, signal),
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
  const { promptTokens, contextWindow } = count.data;
  const room = contextWindow - promptTokens;
  const overflows = promptTokens + maxTokens > contextWindow;
  const used = Math.min(contextWindow, promptTokens + maxTokens);

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
          <meter className="h-2 w-28" min={0} max={contextWindow} low={contextWindow * 0.75} high={contextWindow * 0.95} optimum={0} value={used} />
          <span className="tabular-nums">
            {formatCount(promptTokens)} + {formatCount(maxTokens)} of {formatCount(contextWindow)}
          </span>
        </label>
      </div>
      {overflows ? (
        <p role="status" className="font-medium text-amber-700 dark:text-amber-300">
          {room < 1
            ? `The prompt fills the ${formatCount(contextWindow)}-token window: shorten it or clear older messages.`
            : `Max Tokens ${formatCount(maxTokens)} would overflow the ${formatCount(contextWindow)}-token window: at most ${formatCount(room)} remain.`}
        </p>
      ) : null}
    </div>
  );
}

/** `value`, except while `hold` is set: then the value from before the hold began. */
function useHeldWhile<T>(value: T, hold: boolean): T {
  const [held, setHeld] = useState(value);
  if (!hold && value !== held) setHeld(value);
  return hold ? held : value;
}
