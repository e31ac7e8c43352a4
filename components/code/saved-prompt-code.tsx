"use client";
import { useMemo } from "react";
import { promptFileSnippet } from "@/lib/code-export/prompt-file-snippet";
import type { SnippetTarget } from "@/lib/code-export/targets";
import { usePrompt } from "@/lib/hooks/use-prompt-library";
import { PROMPT_FILE_SCHEMA_PATH } from "@/lib/prompts/caps";
import { writePromptFile } from "@/lib/prompts/write-prompt-file";
import type { OpenedPrompt } from "@/lib/store/prompt-session-store";
import { downloadText, promptFileName } from "../prompts/download";
import { CopyButton } from "../ui/copy-button";

/** View code for the saved prompt that is open: its file, and a script that loads the file and calls the API. */
export function SavedPromptCode({ opened, target, model }: { opened: OpenedPrompt; target: SnippetTarget; model: string }) {
  const prompt = usePrompt(opened.id).data;
  const version = prompt?.versions.find((v) => v.version === opened.version) ?? prompt?.versions.at(-1);
  const fileName = promptFileName(opened.name);
  const script = useMemo(
    () => (prompt && version ? promptFileSnippet({ promptId: prompt.id, promptName: prompt.name, fileName, version, target, model }) : ""),
    [prompt, version, fileName, target, model],
  );
  if (!prompt || !version) return null;
  return (
    <section aria-labelledby="saved-prompt-code" className="space-y-2 border-t border-line pt-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="saved-prompt-code" className="text-sm font-semibold">
          “{prompt.name}”, version {version.version}, as a file
        </h3>
        <button type="button" className="btn-quiet border border-line" onClick={() => downloadText(fileName, writePromptFile([prompt], `${window.location.origin}${PROMPT_FILE_SCHEMA_PATH}`))}>
          Download prompt file
        </button>
      </div>
      <p className="text-xs text-muted">
        Save the file as <code>{fileName}</code> beside this script, then <code>node run-prompt.mjs</code>: it fills the variables (edit <code>values</code>) and sends the
        OpenAI-compatible request to {target.label}.
      </p>
      <div className="relative">
        <pre role="region" className="max-h-[40vh] overflow-auto rounded-lg bg-subtle p-3 text-xs" tabIndex={0} aria-label="Script that runs the prompt file">
          <code data-testid="prompt-file-script">{script}</code>
        </pre>
        <div className="absolute right-2 top-2">
          <CopyButton text={script} label="Copy script" />
        </div>
      </div>
    </section>
  );
}
