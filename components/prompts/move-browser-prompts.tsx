"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { PROMPTS_KEY, promptLibraryOf, usePromptListings } from "@/lib/hooks/use-prompt-library";
import { describeMerge } from "@/lib/prompts/merge";

/**
 * With a server library (the app has access keys), prompts saved in this browser before can be
 * moved into it: imported with the merge rules, then removed from the browser once the server has them.
 */
export function MoveBrowserPrompts() {
  const inBrowser = usePromptListings("browser");
  const queries = useQueryClient();
  const [status, setStatus] = useState<{ kind: "done" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const count = inBrowser.data?.length ?? 0;
  if (!count && !status) return null;

  const move = async () => {
    setBusy(true);
    const prompts = await promptLibraryOf("browser").list();
    const imported = await promptLibraryOf("server").importPrompts(prompts);
    if (!imported.ok) {
      setStatus({ kind: "error", text: `Nothing was moved: ${imported.error}` });
    } else {
      // Only once the server holds them.
      for (const prompt of prompts) await promptLibraryOf("browser").remove(prompt.id);
      setStatus({ kind: "done", text: `Moved ${prompts.length} prompt${prompts.length === 1 ? "" : "s"} to your server library: ${describeMerge(imported.report)}` });
      void queries.invalidateQueries({ queryKey: PROMPTS_KEY });
    }
    setBusy(false);
  };

  return (
    <section aria-label="Prompts in this browser" className="rounded border border-line p-2 text-sm">
      {count ? (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p>
            {count} prompt{count === 1 ? " is" : "s are"} saved only in this browser.
          </p>
          <button type="button" className="btn-quiet border border-line" disabled={busy} onClick={() => void move()}>
            Move to server library
          </button>
        </div>
      ) : null}
      <p role="status" className={status?.kind === "error" ? "font-medium text-red-700 dark:text-red-300" : ""}>
        {status?.text}
      </p>
    </section>
  );
}
