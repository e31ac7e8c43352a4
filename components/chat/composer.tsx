"use client";
import { memo } from "react";
import { usePromptSessionStore } from "@/lib/store/prompt-session-store";
import { BadVariables } from "../prompts/bad-variables";
import { TokenMeter } from "./token-meter";

/**
 * Enter sends, Shift+Enter adds a line; while a reply streams the button is Stop. `blocked` says
 * why Send cannot go yet (variables without a value). The draft is kept across reloads and is
 * where an opened prompt's last user turn lands. Memoised: the chat re-renders with every streamed delta.
 */
export const Composer = memo(function Composer({ streaming, blocked, onSend, onStop }: { streaming: boolean; blocked?: string; onSend(text: string): void; onStop(): void }) {
  const text = usePromptSessionStore((s) => s.draft);
  const setText = usePromptSessionStore((s) => s.setDraft);
  const send = () => {
    if (!text.trim() || streaming || blocked) return;
    onSend(text);
    setText("");
  };
  return (
    <div>
      <label htmlFor="composer" className="mb-1 block text-sm font-medium">
        Message
      </label>
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <textarea
          id="composer"
          rows={2}
          placeholder="Type your message… (Enter to send, Shift+Enter for a new line)"
          className="min-h-[3rem] flex-1 resize-y rounded-lg border border-line bg-bg p-2"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={blocked ? "composer-blocked" : undefined}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            }
          }}
        />
        {streaming ? (
          <button type="button" className="btn-primary bg-red-600 text-white hover:bg-red-700" onClick={onStop}>
            Stop
          </button>
        ) : (
          <button type="submit" className="btn-primary" disabled={!text.trim() || !!blocked}>
            Send
          </button>
        )}
      </form>
      {blocked ? (
        <p id="composer-blocked" role="status" className="mt-1 text-xs font-medium text-amber-700 dark:text-amber-300">
          {blocked}
        </p>
      ) : null}
      <BadVariables text={text} />
      <TokenMeter draft={text} />
    </div>
  );
});
