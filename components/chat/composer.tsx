"use client";
import { memo, useState } from "react";
import { TokenMeter } from "./token-meter";

/** Enter sends, Shift+Enter adds a line; while a reply streams the button is Stop. Memoised: the chat re-renders with every streamed delta. */
export const Composer = memo(function Composer({ streaming, onSend, onStop }: { streaming: boolean; onSend(text: string): void; onStop(): void }) {
  const [text, setText] = useState("");
  const send = () => {
    if (!text.trim() || streaming) return;
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
          <button type="submit" className="btn-primary" disabled={!text.trim()}>
            Send
          </button>
        )}
      </form>
      <TokenMeter draft={text} />
    </div>
  );
});
