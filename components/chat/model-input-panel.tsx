"use client";
import { useQuery } from "@tanstack/react-query";
import type { ModelInput, ModelInputTurn } from "@/lib/chat/model-input";
import { modelInputText } from "@/lib/chat/model-input";
import { requestJson } from "@/lib/client/json-api";
import { modelInputRequest } from "@/lib/store/model-input-request";
import { usePromptSessionStore, variableValues } from "@/lib/store/prompt-session-store";
import { CopyButton } from "../ui/copy-button";
import { useConversationStoreApi } from "./conversation-context";

const TURN_LABEL: Record<ModelInputTurn["kind"], string> = { bos: "Start of text", eos: "End of the reply's turn", user: "User turn", assistant: "Assistant turn" };
const tokens = (n: number) => `${n.toLocaleString("en-US")} token${n === 1 ? "" : "s"}`;

/** The exact text the model read for a reply, turn by turn with token counts (POST /api/model-input). */
export function ModelInputPanel({ replyId }: { replyId: string }) {
  const conversation = useConversationStoreApi();
  const input = useQuery({
    queryKey: ["model-input", replyId],
    queryFn: () => {
      const request = modelInputRequest(conversation.getState().tree, replyId, variableValues(usePromptSessionStore.getState()));
      if (!request) throw new Error("This reply has no request to show.");
      return requestJson<ModelInput>("/api/model-input", { method: "POST", body: request });
    },
    staleTime: Infinity,
    retry: false,
  });
  if (input.isPending) return <p className="text-sm text-muted">Reading the model input…</p>;
  if (input.error) return <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">{input.error.message}</p>;
  const { source, turns, totalTokens, stop } = input.data;
  const text = modelInputText(turns);
  return (
    <div className="space-y-3 text-sm">
      <p data-testid="model-input-source">
        {source === "engine"
          ? `Exactly what the embedded engine evaluated for this reply: ${tokens(totalTokens)}, counted by its own tokenizer.`
          : `Our reconstruction of Mixtral’s [INST] template for this reply: ${tokens(totalTokens)} with the Mistral tokenizer. The upstream applies its own template, which may differ.`}{" "}
        The prompt’s {"{{variables}}"} are filled with their current values.
      </p>
      <ol className="space-y-2" aria-label="Turns the model read">
        {turns.map((turn, i) => (
          <li key={i} className="rounded border border-line p-2" data-kind={turn.kind}>
            <p className="text-xs font-medium text-muted">
              {TURN_LABEL[turn.kind]} · {tokens(turn.tokens)}
            </p>
            <pre className="whitespace-pre-wrap break-words font-mono text-xs">{turn.text}</pre>
          </li>
        ))}
      </ol>
      <p>Stops at: {["</s>", ...stop].map((s) => JSON.stringify(s)).join(", ")}</p>
      <section aria-labelledby={`whole-input-${replyId}`} className="space-y-1">
        <div className="flex items-center justify-between gap-2">
          <h3 id={`whole-input-${replyId}`} className="font-semibold">
            As one string
          </h3>
          <CopyButton text={text} label="Copy model input" />
        </div>
        <pre role="region" aria-label="Model input as one string" tabIndex={0} className="max-h-[30vh] overflow-auto whitespace-pre-wrap break-words rounded bg-subtle p-2 font-mono text-xs" data-testid="model-input-text">
          {text}
        </pre>
      </section>
    </div>
  );
}
