"use client";
import { useMemo, useState } from "react";
import { generateSnippet, LANGUAGES, type Language } from "@/lib/code-export/snippets";
import { DIALECT_LABELS, MODELSLAB_TARGET, type CodeExportContext, type Dialect, type SnippetTarget } from "@/lib/code-export/targets";
import { MODEL, STARTER_PROMPTS } from "@/lib/model/facts";
import type { ChatMessage } from "@/lib/chat/request";
import { requestOptions, useOutputStore } from "@/lib/store/output-store";
import { useParamsStore } from "@/lib/store/params-store";
import { lastRequestMessages } from "@/lib/chat/request-messages";
import { useVariableValues } from "@/lib/hooks/use-variable-values";
import { usePromptSessionStore } from "@/lib/store/prompt-session-store";
import { SavedPromptCode } from "./saved-prompt-code";
import { fillRequest } from "@/lib/prompts/fill-request";
import { useConversation } from "../chat/conversation-context";
import { CopyButton } from "../ui/copy-button";

/** The request the playground sent last (history up to the last user message), or a first example. */
function currentRequestMessages(messages: Parameters<typeof lastRequestMessages>[0]): ChatMessage[] {
  const sent = lastRequestMessages(messages);
  return sent.length > 0 ? sent : [{ role: "user", content: STARTER_PROMPTS[0] }];
}

const absolute = (url: string) => (url.startsWith("/") ? `${window.location.origin}${url}` : url);

export function ViewCodePanel({ context, model }: { context: CodeExportContext; model?: string }) {
  const { thisServer, servesModelsLab } = context;
  const targets = thisServer ? [MODELSLAB_TARGET, thisServer] : [MODELSLAB_TARGET];
  const [targetId, setTargetId] = useState<SnippetTarget["id"]>("modelslab");
  const [dialect, setDialect] = useState<Dialect>("openai");
  const [stream, setStream] = useState(true);
  const [language, setLanguage] = useState<Language>("curl");
  const messages = useConversation((s) => s.messages);
  const { systemMessage, params } = useParamsStore();
  const output = useOutputStore();
  const values = useVariableValues();
  const opened = usePromptSessionStore((s) => s.opened);

  const target = targets.find((t) => t.id === targetId) ?? MODELSLAB_TARGET;
  const activeDialect = target.dialects.includes(dialect) ? dialect : "openai";
  const snippet = useMemo(
    () =>
      generateSnippet(language, {
        // As Send fills it: the request shown is the one that would go.
        request: fillRequest({ systemMessage, messages: currentRequestMessages(messages), params, options: requestOptions(output) }, values),
        // A picked model belongs to the upstream that serves it; ModelsLab snippets otherwise use the page's model.
        model: target.id === "this-server" ? (model ?? target.model ?? MODEL.id) : servesModelsLab ? (model ?? MODEL.id) : MODEL.id,
        dialect: activeDialect,
        stream,
        // A path (this app's /api/v1 and /api) becomes a URL with the origin the user sees.
        target: { ...target, baseUrl: absolute(target.baseUrl), ...(target.anthropicBaseUrl ? { anthropicBaseUrl: absolute(target.anthropicBaseUrl) } : {}) },
      }),
    [language, systemMessage, messages, params, output, values, target, model, servesModelsLab, activeDialect, stream],
  );

  return (
    <div className="space-y-3">
      <p className="text-sm text-muted">
        The request with this conversation, System Message and parameters. The key is read from an environment variable; it is never
        in the code.
      </p>
      <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
        {targets.length > 1 ? (
          <fieldset className="flex flex-wrap items-center gap-3">
            <legend className="sr-only">Send to</legend>
            <span className="font-medium" aria-hidden>
              Send to
            </span>
            {targets.map((t) => (
              <label key={t.id} className="flex items-center gap-1">
                <input type="radio" name="code-target" checked={t.id === target.id} onChange={() => setTargetId(t.id)} />
                {t.label}
              </label>
            ))}
          </fieldset>
        ) : null}
        <fieldset className="flex flex-wrap items-center gap-3">
          <legend className="sr-only">API</legend>
          <span className="font-medium" aria-hidden>
            API
          </span>
          {(["openai", "anthropic"] as const).map((d) => (
            <label key={d} className="flex items-center gap-1">
              <input type="radio" name="code-dialect" checked={d === activeDialect} disabled={!target.dialects.includes(d)} onChange={() => setDialect(d)} />
              {DIALECT_LABELS[d]}
            </label>
          ))}
        </fieldset>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={stream} onChange={(e) => setStream(e.target.checked)} />
          Streaming
        </label>
      </div>
      <div role="group" aria-label="Language" className="flex flex-wrap gap-1 border-b border-line pb-2">
        {LANGUAGES.map((l) => (
          <button
            key={l.id}
            type="button"
            aria-pressed={l.id === language}
            className={`btn-quiet ${l.id === language ? "bg-subtle font-semibold text-fg" : ""}`}
            onClick={() => setLanguage(l.id)}
          >
            {l.label}
          </button>
        ))}
      </div>
      {activeDialect === "anthropic" ? (
        <p className="text-xs text-muted">The Anthropic-compatible API takes temperature 0–1 and has no penalties or seed: those are left out.</p>
      ) : null}
      <div className="relative">
        {/* Scrolls on its own, so it takes focus; as a named region its label is announced (a bare <pre> may not carry one). */}
        <pre
          role="region"
          className="max-h-[50vh] overflow-auto rounded-lg bg-subtle p-3 text-xs"
          tabIndex={0}
          aria-label={`${LANGUAGES.find((l) => l.id === language)?.label} code`}
        >
          <code data-testid="code-snippet">{snippet}</code>
        </pre>
        <div className="absolute right-2 top-2">
          <CopyButton text={snippet} label="Copy code" />
        </div>
      </div>
      {opened ? <SavedPromptCode opened={opened} target={{ ...target, baseUrl: absolute(target.baseUrl) }} model={target.id === "this-server" ? (model ?? target.model ?? MODEL.id) : (model ?? MODEL.id)} /> : null}
    </div>
  );
}
