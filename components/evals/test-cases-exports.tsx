"use client";
import { useState } from "react";
import { resultsCsv } from "@/lib/evals/results-csv";
import { runGrid, type RunColumn } from "@/lib/evals/test-run";
import type { TestSet } from "@/lib/evals/test-set";
import { downloadText } from "../prompts/download";
import type { CellContext } from "./test-cases-cell";

/** This server's OpenAI-compatible API, as promptfoo is pointed at it. */
const API_BASE = "/api/v1";

/** Results as CSV (what the grid shows) and the whole set-up as a promptfoo config. */
export function TestCasesExports({ set, columns, context, defaultModel, keyEnv, concurrency }: { set: TestSet; columns: readonly RunColumn[]; context: CellContext; defaultModel: string; keyEnv: string | null; concurrency: number }) {
  const [warnings, setWarnings] = useState<string[] | null>(null);
  const [error, setError] = useState("");

  const exportResults = () => downloadText("test-results.csv", resultsCsv(runGrid(set, columns, context.scheduler.snapshot().cells, context.ratings.all())), "text/csv");

  const exportPromptfoo = async () => {
    setError("");
    try {
      // The YAML writer is loaded only for this.
      const { promptfooExport } = await import("@/lib/evals/promptfoo-export");
      const result = promptfooExport({
        columns: columns.map((column) => {
          const { systemMessage, messages, params, options, model, variables } = column.content;
          return { label: column.label, request: { systemMessage, messages, params, ...(options ? { options } : {}) }, model: model ?? defaultModel, variables };
        }),
        testSet: set,
        server: { origin: location.origin, baseUrl: API_BASE, keyEnv },
        concurrency,
      });
      downloadText("promptfooconfig.yaml", result.yaml, "application/yaml");
      setWarnings(result.warnings);
    } catch (e) {
      setError(`Not exported: ${(e as Error).message}`);
    }
  };

  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className="btn-quiet border border-line" disabled={!set.rows.length || !columns.length} onClick={exportResults}>
          Export results CSV
        </button>
        <button type="button" className="btn-quiet border border-line" disabled={!set.rows.length || !columns.length} onClick={() => void exportPromptfoo()}>
          Export promptfoo config
        </button>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
      <div role="status" className="text-sm">
        {warnings ? (
          warnings.length ? (
            <>
              <p>Downloaded promptfooconfig.yaml. Where promptfoo differs from the playground:</p>
              <ul aria-label="promptfoo warnings" className="list-disc pl-5 text-muted">
                {warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>
              Downloaded promptfooconfig.yaml: run it with <code>npx promptfoo@latest eval -c promptfooconfig.yaml</code>
              {keyEnv ? ` and your access key in ${keyEnv}` : ""}.
            </p>
          )
        ) : null}
      </div>
    </div>
  );
}
