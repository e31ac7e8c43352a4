"use client";
import type { QueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import type { ModelsResponse } from "@/lib/hooks/use-models";
import type { CodeExportContext } from "@/lib/code-export/targets";
import { createCompareStore, type CompareColumn, type CompareStore } from "@/lib/store/compare-store";
import { useCapabilities } from "@/lib/hooks/use-models";
import { fromSharedMessages } from "@/lib/store/share-mapping";
import type { ShareSnapshot } from "@/lib/shares/snapshot";
import { createConversationStore, type ConversationStore } from "@/lib/store/conversation-store";
import { requestOptions, useOutputStore } from "@/lib/store/output-store";
import { useParamsStore } from "@/lib/store/params-store";
import { fillRequest } from "@/lib/prompts/fill-request";
import { PromptLibraryKindProvider, type PromptLibraryKind } from "@/lib/hooks/prompt-library-kind";
import { usePromptSessionStore, variableValues } from "@/lib/store/prompt-session-store";
import { ChatPanel } from "./chat/chat-panel";
import { ConversationProvider } from "./chat/conversation-context";
import { CompareStoreProvider } from "./compare/compare-context";
import { ParamPanel } from "./params/param-panel";
import { createQueryClient, QueryProvider } from "./query-provider";
import { OpenSharedConversation, shareIdInUrl } from "./share/open-shared-conversation";
import { whenIdle } from "@/lib/client/when-idle";
import { useWarmReplyRendering } from "./chat/use-warm-reply-rendering";
import { useAutosaveHistory } from "./history/use-autosave-history";

/** Alternatives per token the probabilities view asks for: a readable list, and a bounded reply size. */
export const TOP_ALTERNATIVES = 10;

/** The prompt's {{variables}}, filled as Send goes (conversations keep them as typed). */
const fillVariablesOfPage = <R extends Parameters<typeof fillRequest>[0]>(request: R): R => fillRequest(request, variableValues(usePromptSessionStore.getState()));

// Compare mode's view (columns, sweeps, diff, sharing) loads when it is first used, or when the page is idle.
const loadCompareView = () => import("./compare/compare-view").then((m) => m.CompareView);
const CompareView = dynamic(loadCompareView, { loading: () => <p className="text-sm text-muted">Loading compare mode…</p> });

/** The main conversation: the one the panel's settings drive and the one kept across reloads. */
const createMainConversation = (queries: QueryClient) =>
  createConversationStore({
    persistAs: "playground-conversation",
    settings: () => {
      const { systemMessage, params, model, probabilities } = useParamsStore.getState();
      // Asked for only where the upstream gives them (its capabilities, as /api/models reported them).
      const logprobs = probabilities && queries.getQueryData<ModelsResponse>(["models"])?.capabilities.logprobs === true;
      const options = { ...requestOptions(useOutputStore.getState()), ...(logprobs ? { logprobs: { top: TOP_ALTERNATIVES } } : {}) };
      return { systemMessage, params, ...(model ? { model } : {}), ...(Object.keys(options).length ? { options } : {}) };
    },
    prepare: fillVariablesOfPage,
  });

type Mode = "chat" | "compare";

export function Playground({ codeExport, promptLibrary = "browser" }: { codeExport: CodeExportContext; promptLibrary?: PromptLibraryKind }) {
  const [queries] = useState(createQueryClient);
  // In both modes: a shared comparison opens straight into compare mode.
  useWarmReplyRendering();
  useEffect(() => whenIdle(() => void loadCompareView()), []);
  return (
    <QueryProvider client={queries}>
      <PromptLibraryKindProvider kind={promptLibrary}>
        <PlaygroundModes codeExport={codeExport} queries={queries} />
      </PromptLibraryKindProvider>
    </QueryProvider>
  );
}

function PlaygroundModes({ codeExport, queries }: { codeExport: CodeExportContext; queries: QueryClient }) {
  const [conversation] = useState(() => createMainConversation(queries));
  useAutosaveHistory(conversation);
  // Columns start with the embedded engine's default slots; the real figure comes with the capabilities.
  const [comparison] = useState(() => createCompareStore({ concurrentStreams: 4, prepare: fillVariablesOfPage }));
  const [mode, setMode] = useState<Mode>("chat");
  const capabilities = useCapabilities();
  const [paramsOpen, setParamsOpen] = useState(false);
  const [ready, setReady] = useState(false);
  // Read once the stores have hydrated, so a shared conversation loads over them, not under.
  const [shareId, setShareId] = useState<string | null>(null);

  // Stores hydrate after mount so server and first client render agree.
  useEffect(() => {
    void Promise.all([useParamsStore.persist.rehydrate(), useOutputStore.persist.rehydrate(), usePromptSessionStore.persist.rehydrate(), conversation.hydrate()]).then(() => {
      setShareId(shareIdInUrl());
      setReady(true);
    });
  }, [conversation]);

  useEffect(() => {
    if (capabilities) comparison.resizeSlots(capabilities.concurrentStreams);
  }, [capabilities, comparison]);

  const openCompare = () => {
    startComparison(comparison, conversation);
    setMode("compare");
  };
  const openSharedComparison = (snapshot: ShareSnapshot) => {
    comparison.getState().stopAll();
    comparison.getState().setup({
      systemMessage: snapshot.systemMessage,
      params: snapshot.params,
      ...(snapshot.model ? { model: snapshot.model } : {}),
      messages: fromSharedMessages(snapshot.messages, newId),
      columns: (snapshot.columns ?? []).map((c) => ({ params: c.params, messages: fromSharedMessages(c.messages, newId) })),
    });
    setMode("compare");
  };
  const continueWith = (column: CompareColumn) => {
    const { systemMessage, model, effectiveParams } = comparison.getState();
    comparison.getState().stopAll();
    const settings = useParamsStore.getState();
    settings.load(systemMessage, effectiveParams(column.id));
    settings.setModel(model);
    // Kept as a branch: the conversation's earlier replies stay as versions beside the column's.
    conversation.getState().follow(column.conversation.getState().messages);
    setMode("chat");
  };

  return (
    <ConversationProvider store={conversation}>
      <CompareStoreProvider store={comparison}>
        <OpenSharedConversation id={shareId} onComparison={openSharedComparison} />
        <ModeSwitch mode={mode} onChat={() => setMode("chat")} onCompare={openCompare} />
        {mode === "compare" ? (
          <div data-ready={ready}>
            <CompareView store={comparison} onContinue={continueWith} onExit={() => setMode("chat")} />
          </div>
        ) : (
          <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]" data-ready={ready}>
            <ChatPanel codeExport={codeExport} />
            <aside className="rounded-xl border border-line p-3">
              <button
                type="button"
                className="btn-quiet w-full justify-between lg:hidden"
                aria-expanded={paramsOpen}
                aria-controls="parameter-panel"
                onClick={() => setParamsOpen((o) => !o)}
              >
                {paramsOpen ? "Hide parameters" : "Show parameters"}
              </button>
              <div id="parameter-panel" className={`${paramsOpen ? "block" : "hidden"} pt-3 lg:block lg:pt-0`}>
                <ParamPanel />
              </div>
            </aside>
          </div>
        )}
      </CompareStoreProvider>
    </ConversationProvider>
  );
}

const newId = () => crypto.randomUUID();

/** Which columns the comparison started from: kept while the chat is unchanged, so going back and forth loses nothing. */
const comparedConversation = new WeakMap<CompareStore, unknown>();

/** Compare mode opens on the chat as it is: its conversation, System Message, model and parameters. */
function startComparison(comparison: CompareStore, conversation: ConversationStore) {
  const { messages } = conversation.getState();
  const options = requestOptions(useOutputStore.getState());
  // Same conversation: the columns stay, and take the panel's current functions and format.
  if (comparison.getState().columns.length > 0 && comparedConversation.get(comparison) === messages) return comparison.setState({ options });
  const { systemMessage, params, model } = useParamsStore.getState();
  comparison.getState().setup({ systemMessage, params, messages, options, ...(model ? { model } : {}) });
  comparedConversation.set(comparison, messages);
}

function ModeSwitch({ mode, onChat, onCompare }: { mode: Mode; onChat(): void; onCompare(): void }) {
  return (
    <div role="group" aria-label="Mode" className="mb-3 inline-flex rounded-lg border border-line p-0.5 text-sm">
      <button type="button" aria-pressed={mode === "chat"} className={`rounded-md px-3 py-1 ${mode === "chat" ? "bg-accent text-on-accent" : "text-muted hover:text-fg"}`} onClick={onChat}>
        Chat
      </button>
      <button
        type="button"
        aria-pressed={mode === "compare"}
        className={`rounded-md px-3 py-1 ${mode === "compare" ? "bg-accent text-on-accent" : "text-muted hover:text-fg"}`}
        onClick={onCompare}
      >
        Compare
      </button>
    </div>
  );
}
