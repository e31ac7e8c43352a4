"use client";
import { STARTER_PROMPTS } from "@/lib/model/facts";

export function StarterPrompts({ onPick }: { onPick(prompt: string): void }) {
  return (
    <div className="flex flex-col items-center gap-4 py-10 text-center">
      <p className="text-muted">Choose a prompt below to get started or type your own message</p>
      <ul className="grid w-full max-w-xl gap-2 sm:grid-cols-2" aria-label="Starter prompts">
        {STARTER_PROMPTS.map((prompt) => (
          <li key={prompt}>
            <button type="button" className="h-full w-full rounded-lg border border-line p-3 text-left text-sm hover:bg-subtle" onClick={() => onPick(prompt)}>
              {prompt}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
