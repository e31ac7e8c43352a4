"use client";
import { useEffect, useState } from "react";
import type { JsonCheck } from "@/lib/json/check-reply";
import type { UiMessage } from "@/lib/store/ui-message";

/**
 * A reply asked for as JSON: formatted, with a badge saying whether it is JSON, and with a schema
 * whether it is valid against it or where it first is not. The validator loads only here.
 */
export function JsonReply({ text, format }: { text: string; format: NonNullable<UiMessage["format"]> }) {
  const [check, setCheck] = useState<JsonCheck | null>(null);
  useEffect(() => {
    let live = true;
    void import("@/lib/json/check-reply").then(({ checkJsonReply }) => {
      if (live) setCheck(checkJsonReply(text, format.type === "json_schema" ? format.schema : undefined));
    });
    return () => {
      live = false;
    };
  }, [text, format]);
  if (!check) return null;
  const value = check.kind === "json" || check.kind === "matches-schema" || check.kind === "violates-schema" ? check.value : undefined;
  return (
    <div className="mt-2 space-y-1">
      <JsonBadge check={check} />
      {value !== undefined ? (
        <pre className="overflow-x-auto rounded bg-subtle p-2 font-mono text-xs" data-testid="json-formatted" aria-label="The reply as formatted JSON">
          {JSON.stringify(value, null, 2)}
        </pre>
      ) : null}
    </div>
  );
}

function JsonBadge({ check }: { check: JsonCheck }) {
  const [good, label] =
    check.kind === "matches-schema"
      ? [true, "Valid against the schema"]
      : check.kind === "json"
        ? [true, "Valid JSON"]
        : check.kind === "violates-schema"
          ? [false, `Not valid against the schema: at ${check.path}, ${check.reason}`]
          : check.kind === "bad-schema"
            ? [false, `The schema could not be used: ${check.reason}`]
            : [false, `Not valid JSON: ${check.reason}`];
  return (
    <p
      data-testid="json-badge"
      data-valid={good}
      className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${good ? "bg-emerald-100 text-emerald-950 dark:bg-emerald-950/60 dark:text-emerald-100" : "bg-red-100 text-red-950 dark:bg-red-950/60 dark:text-red-100"}`}
    >
      {good ? "✓ " : "✗ "}
      {label}
    </p>
  );
}
