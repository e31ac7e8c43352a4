"use client";
import { useEffect, useRef } from "react";
import { useConversationStore } from "@/lib/store/conversation-store";
import type { CodeExportContext } from "@/lib/code-export/targets";
import { ViewCodeButton } from "../code/view-code-button";
import { ShareButton } from "../share/share-dialog";
import { useActivePrices } from "@/lib/client/use-models";
import { useParamsStore } from "@/lib/store/params-store";
import { Composer } from "./composer";
import { ConversationTotals } from "./conversation-totals";
import { MessageItem } from "./message-item";
import { StarterPrompts } from "./starter-prompts";

export function ChatPanel({ codeExport }: { codeExport: CodeExportContext }) {
  const { messages, isStreaming, send, stop, regenerate, editAndResend, clear } = useConversationStore();
  const endRef = useRef<HTMLDivElement>(null);
  const lastReplyId = messages.findLast((m) => m.role === "assistant")?.id;
  const lastContent = messages.at(-1)?.content.length ?? 0;
  const prices = useActivePrices();
  const model = useParamsStore((s) => s.model);

  useEffect(() => {
    endRef.current?.scrollIntoView({ block: "end" });
  }, [messages.length, lastContent]);

  return (
    <section aria-label="Chat" className="flex min-h-[60vh] flex-col rounded-xl border border-line">
      <div className="flex items-center justify-between border-b border-line px-3 py-2">
        <div className="flex flex-wrap items-baseline gap-x-3">
          <h2 className="text-base font-semibold">Playground</h2>
          <ConversationTotals messages={messages} prices={prices} />
        </div>
        <div className="flex gap-1">
          <ViewCodeButton context={codeExport} model={model} />
          <ShareButton />
          <button type="button" className="btn-quiet" onClick={clear} disabled={messages.length === 0}>
            Clear conversation
          </button>
        </div>
      </div>
      <div className="flex-1 overflow-y-auto p-3" aria-live="off">
        {messages.length === 0 ? (
          <StarterPrompts onPick={send} />
        ) : (
          <ol className="space-y-3" aria-label="Conversation">
            {messages.map((m) => (
              <MessageItem key={m.id} message={m} prices={prices} isLastReply={m.id === lastReplyId} busy={isStreaming} onRegenerate={regenerate} onEdit={editAndResend} />
            ))}
          </ol>
        )}
        <div ref={endRef} />
      </div>
      <div className="border-t border-line p-3">
        <Composer streaming={isStreaming} onSend={send} onStop={stop} />
      </div>
    </section>
  );
}
