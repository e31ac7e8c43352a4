"use client";
import { useId } from "react";
import { useCapabilities } from "@/lib/hooks/use-models";
import { EXAMPLE_FUNCTIONS, formatDefinitions, parseFunctionDefinitions } from "@/lib/tools/function-definitions";
import { useOutputStore, type ToolChoiceSetting } from "@/lib/store/output-store";
import { JsonEditor } from "./json-editor";

/** "Functions": definitions the model may call, checked as you type, and the tool choice. */
export function FunctionsSection() {
  const { functionsText, toolChoice, setFunctionsText, setToolChoice } = useOutputStore();
  const parsed = parseFunctionDefinitions(functionsText);
  const tools = parsed.ok ? parsed.tools : [];
  const capabilities = useCapabilities();
  const unsupported = capabilities?.tools === false;
  const choiceId = useId();

  const addExample = (index: number) => {
    const current = parseFunctionDefinitions(functionsText);
    const example = EXAMPLE_FUNCTIONS[index];
    if (!current.ok) return setFunctionsText(formatDefinitions([example]));
    if (current.tools.some((t) => t.name === example.name)) return;
    setFunctionsText(formatDefinitions([...current.tools, example]));
  };

  return (
    <details className="group space-y-2 rounded border border-line p-2" open={functionsText.trim() !== "" || undefined}>
      <summary className="cursor-pointer text-sm font-medium">
        Functions{tools.length ? ` (${tools.length})` : ""}
      </summary>
      <div className="mt-2 space-y-2">
        {unsupported ? <p className="text-xs text-amber-800 dark:text-amber-200">This upstream does not support function calling: functions are not sent.</p> : null}
        <div className="flex flex-wrap items-center gap-1 text-xs">
          <span className="text-muted">Add an example:</span>
          {EXAMPLE_FUNCTIONS.map((f, i) => (
            <button key={f.name} type="button" className="btn-quiet border border-line px-1.5 py-0.5 text-xs" onClick={() => addExample(i)}>
              {f.name}
            </button>
          ))}
          {functionsText ? (
            <button type="button" className="btn-quiet px-1.5 py-0.5 text-xs" onClick={() => setFunctionsText("")}>
              Remove all
            </button>
          ) : null}
        </div>
        <JsonEditor
          label="Function definitions (JSON)"
          value={functionsText}
          onChange={setFunctionsText}
          rows={functionsText ? 10 : 3}
          problem={parsed.ok ? undefined : `${parsed.error} Not sent until fixed.`}
          help='A list of {"name", "description", "parameters"}: parameters is the JSON Schema of the arguments. Edit, add or delete entries here.'
        />
        <div className="space-y-1">
          <label htmlFor={choiceId} className="text-sm font-medium">
            Tool choice
          </label>
          <select
            id={choiceId}
            className="w-full rounded border border-line bg-bg px-2 py-1 text-sm"
            value={toolChoice}
            onChange={(e) => setToolChoice(e.target.value as ToolChoiceSetting)}
            disabled={!tools.length}
          >
            <option value="auto">Auto: the model decides</option>
            <option value="none">None: never call</option>
            <option value="required">Required: must call a function</option>
            {tools.map((t) => (
              <option key={t.name} value={`function:${t.name}`}>
                Only {t.name}
              </option>
            ))}
          </select>
        </div>
      </div>
    </details>
  );
}
