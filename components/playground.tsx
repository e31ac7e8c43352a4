"use client";
import type { QueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { ModelsResponse } from "@/lib/client/use-models";
import type { CodeExportContext } from "@/lib/code-export/targets";
import { createConversationStore } from "@/lib/store/conversation-store";
import { useParamsStore } from "@/lib/store/params-store";
import { ChatPanel } from "./chat/chat-panel";
import { ConversationProvider } from "./chat/conversation-context";
import { ParamPanel } from "./params/param-panel";
import { createQueryClient, QueryProvider } from "./query-provider";
import { OpenSharedConversation, shareIdInUrl } from "./share/open-shared-conversation";

/** Alternatives per token the probabilities view asks for: a readable list, and a bounded reply size. */
export const TOP_ALTERNATIVES = 10;

/** The main conversation: the one the panel's settings drive and the one kept across reloads. */
const createMainConversation = (queries: QueryClient) =>
  createConversationStore({
    persistAs: "playground-conversation",
    settings: () => {
      const { systemMessage, params, model, probabilities } = useParamsStore.getState();
      // Asked for only where the upstream gives them (its capabilities, as /api/models reported them).
      const logprobs = probabilities && queries.getQueryData<ModelsResponse>(["models"])?.capabilities.logprobs === true;
      return { systemMessage, params, ...(model ? { model } : {}), ...(logprobs ? { options: { logprobs: { top: TOP_ALTERNATIVES } } } : {}) };
    },
  });

export function Playground({ codeExport }: { codeExport: CodeExportContext }) {
  const [queries] = useState(createQueryClient);
  const [conversation] = useState(() => createMainConversation(queries));
  const [paramsOpen, setParamsOpen] = useState(false);
  const [ready, setReady] = useState(false);
  // Read once the stores have hydrated, so a shared conversation loads over them, not under.
  const [shareId, setShareId] = useState<string | null>(null);

  // Stores hydrate after mount so server and first client render agree.
  useEffect(() => {
    void Promise.all([useParamsStore.persist.rehydrate(), conversation.hydrate()]).then(() => {
      setShareId(shareIdInUrl());
      setReady(true);
    });
  }, [conversation]);

  return (
    <QueryProvider client={queries}>
      <ConversationProvider store={conversation}>
        <OpenSharedConversation id={shareId} />
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
      </ConversationProvider>
    </QueryProvider>
  );
}
