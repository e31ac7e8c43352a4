"use client";
import { useId } from "react";
import { useCapabilities } from "@/lib/hooks/use-models";
import { describeProblem, parseJsonText } from "@/lib/json/json-error";
import { useOutputStore, type FormatSetting } from "@/lib/store/output-store";
import { JsonEditor } from "./json-editor";

/** "Response format": text, a JSON object, or JSON valid against a schema the user writes. */
export function ResponseFormatSection() {
  const { format, schemaText, setFormat, setSchemaText } = useOutputStore();
  const capabilities = useCapabilities();
  const id = useId();
  const parsed = parseJsonText(schemaText);
  const schemaProblem = !parsed.ok
    ? describeProblem(parsed.problem)
    : !parsed.value || typeof parsed.value !== "object" || Array.isArray(parsed.value)
      ? "A JSON Schema is an object, e.g. {\"type\": \"object\", …}."
      : undefined;

  return (
    <div className="space-y-2">
      <div className="space-y-1">
        <label htmlFor={id} className="text-sm font-medium">
          Response format
        </label>
        <select id={id} className="w-full rounded border border-line bg-bg px-2 py-1 text-sm" value={format} onChange={(e) => setFormat(e.target.value as FormatSetting)}>
          <option value="text">Text</option>
          <option value="json_object">JSON object</option>
          <option value="json_schema">JSON schema</option>
        </select>
      </div>
      {format === "json_object" ? (
        <p className="text-xs text-muted">
          The reply will be a JSON object. Say in your prompt what it should contain: JSON mode fixes the form, not the content.
          {capabilities?.jsonMode === false ? " This upstream has no JSON mode: it is not sent." : ""}
        </p>
      ) : null}
      {format === "json_schema" ? (
        <>
          <JsonEditor
            label="JSON Schema"
            value={schemaText}
            onChange={setSchemaText}
            problem={schemaProblem ? `${schemaProblem} Not sent until fixed.` : undefined}
            help="The reply must be valid against it; each reply shows whether it is."
          />
          {capabilities && !capabilities.jsonSchema ? (
            <p className="text-xs text-amber-800 dark:text-amber-200">
              {capabilities.jsonMode
                ? "This upstream does not enforce schemas: it gets JSON mode, with the schema in the instructions."
                : "This upstream has no JSON mode: the schema goes in the instructions only."}
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
