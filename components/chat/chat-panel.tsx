"use client";
import { useShallow } from "zustand/react/shallow";
import type { CodeExportContext } from "@/lib/code-export/targets";
import { useActivePrices } from "@/lib/hooks/use-models";
import { fillVariablesFirst } from "@/lib/prompts/fill-request";
import { useParamsStore } from "@/lib/store/params-store";
import { usePromptSessionStore } from "@/lib/store/prompt-session-store";
import { ViewCodeButton } from "../code/view-code-button";
import { ProbabilitiesToggle, ProbabilityLegend } from "../probabilities/probabilities-toggle";
import { ShareButton } from "../share/share-button";
import { HistoryButton } from "../history/history-button";
import { PromptsButton } from "../prompts/prompts-button";
import { AbButton } from "../evals/ab-button";
import { SpreadButton } from "../evals/spread-button";
import { TestCasesButton } from "../evals/test-cases-button";
import { SavePromptButton } from "../prompts/save-prompt-button";
import { VariablesPanel } from "../prompts/variables-panel";
import { usePromptVariables } from "../prompts/use-prompt-variables";
import { Composer } from "./composer";
import { useConversation, useConversationStoreApi } from "./conversation-context";
import { ConversationTotals } from "./conversation-totals";
import { MessageList } from "./message-list";
import { StarterPrompts } from "./starter-prompts";
import { StorageNotice } from "./storage-notice";

export function ChatPanel({ codeExport }: { codeExport: CodeExportContext }) {
  const empty = useConversation((s) => s.messages.length === 0);
  const isStreaming = useConversation((s) => s.isStreaming);
  // A usage object changes only when a reply's numbers do, not with its text.
  const usages = useConversation(useShallow((s) => s.messages.map((m) => m.usage)));
  const { send, stop, clear } = useConversationStoreApi().getState();
  const prices = useActivePrices();
  const model = useParamsStore((s) => s.model);
  const variables = usePromptVariables();
  const blocked = variables.missing.length ? fillVariablesFirst(variables.missing) : undefined;
  // A starter prompt sends at once: not while variables still need values.
  const pick = (text: string) => (blocked ? usePromptSessionStore.getState().setDraft(text) : send(text));

  return (
    <section aria-label="Chat" className="flex min-h-[60vh] flex-col rounded-xl border border-line">
      <div className="flex items-center justify-between border-b border-line px-3 py-2">
        <div className="flex flex-wrap items-baseline gap-x-3">
          <h2 className="text-base font-semibold">Playground</h2>
          <ConversationTotals usages={usages} prices={prices} />
        </div>
        <div className="flex flex-wrap items-center gap-1">
          <HistoryButton />
          <PromptsButton />
          <TestCasesButton />
          <SpreadButton />
          <AbButton />
          <SavePromptButton />
          <ProbabilitiesToggle />
          <ViewCodeButton context={codeExport} model={model} />
          <ShareButton />
          <button type="button" className="btn-quiet" onClick={clear} disabled={empty}>
            New conversation
          </button>
        </div>
      </div>
      <StorageNotice />
      <ProbabilityLegend />
      <div className="flex-1 overflow-y-auto p-3" aria-live="off">
        {empty ? <StarterPrompts onPick={pick} /> : <MessageList prices={prices} canBranch />}
      </div>
      <div className="border-t border-line p-3">
        <VariablesPanel names={variables.names} missing={variables.missing} />
        <Composer streaming={isStreaming} blocked={blocked} onSend={send} onStop={stop} />
      </div>
    </section>
  );
}
