"use client";
/**
 * What a reply should be beyond text: the functions the model may call (and the tool choice),
 * and the response format (text, JSON object, JSON schema). Kept as the editors' text, so a
 * half-typed definition survives a reload; parsed when a request is sent (requestOptions).
 * Its own store: the sampling parameters' store stays the parameter table's.
 */
import { create } from "zustand";
import { persist } from "zustand/middleware";
import type { RequestOptions } from "../chat/request";
import { parseJsonText } from "../json/json-error";
import { parseFunctionDefinitions } from "../tools/function-definitions";
import { debouncedLocalStorage } from "./debounced-storage";

export type ToolChoiceSetting = "auto" | "none" | "required" | `function:${string}`;
export type FormatSetting = "text" | "json_object" | "json_schema";

interface OutputState {
  functionsText: string;
  toolChoice: ToolChoiceSetting;
  format: FormatSetting;
  schemaText: string;
  setFunctionsText(text: string): void;
  setToolChoice(choice: ToolChoiceSetting): void;
  setFormat(format: FormatSetting): void;
  setSchemaText(text: string): void;
  load(options: RequestOptions | undefined): void;
}

export const EXAMPLE_SCHEMA = JSON.stringify(
  {
    type: "object",
    properties: {
      title: { type: "string", maxLength: 40 },
      rating: { type: "integer", minimum: 1, maximum: 5 },
      genre: { type: "string", enum: ["drama", "comedy", "documentary"] },
    },
    required: ["title", "rating", "genre"],
  },
  null,
  2,
);

export const useOutputStore = create<OutputState>()(
  persist(
    (set) => ({
      functionsText: "",
      toolChoice: "auto",
      format: "text",
      schemaText: EXAMPLE_SCHEMA,
      setFunctionsText: (functionsText) => set({ functionsText }),
      setToolChoice: (toolChoice) => set({ toolChoice }),
      setFormat: (format) => set({ format }),
      setSchemaText: (schemaText) => set({ schemaText }),
      load: (options) =>
        set({
          functionsText: options?.tools?.length ? JSON.stringify(options.tools, null, 2) : "",
          toolChoice: typeof options?.toolChoice === "object" ? `function:${options.toolChoice.name}` : (options?.toolChoice ?? "auto"),
          format: options?.responseFormat?.type ?? "text",
          ...(options?.responseFormat?.type === "json_schema" ? { schemaText: JSON.stringify(options.responseFormat.schema, null, 2) } : {}),
        }),
    }),
    { name: "playground-output", version: 1, storage: debouncedLocalStorage(), skipHydration: true },
  ),
);

/** The response schema, parsed; undefined while the editor holds something that is not a JSON object. */
export function parsedSchema(text: string): Record<string, unknown> | undefined {
  const parsed = parseJsonText(text);
  return parsed.ok && parsed.value && typeof parsed.value === "object" && !Array.isArray(parsed.value) ? (parsed.value as Record<string, unknown>) : undefined;
}

/**
 * The options a request carries. Editors holding invalid text add nothing: the panel shows the
 * problem and says the setting is not sent until it is fixed.
 */
export function requestOptions(state: Pick<OutputState, "functionsText" | "toolChoice" | "format" | "schemaText">): RequestOptions {
  const options: RequestOptions = {};
  const functions = parseFunctionDefinitions(state.functionsText);
  if (functions.ok && functions.tools.length) {
    options.tools = functions.tools;
    const named = state.toolChoice.startsWith("function:") ? state.toolChoice.slice("function:".length) : undefined;
    if (named && functions.tools.some((t) => t.name === named)) options.toolChoice = { name: named };
    else if (!named) options.toolChoice = state.toolChoice as "auto" | "none" | "required";
  }
  if (state.format === "json_object") options.responseFormat = { type: "json_object" };
  if (state.format === "json_schema") {
    const schema = parsedSchema(state.schemaText);
    if (schema) options.responseFormat = { type: "json_schema", schema };
  }
  return options;
}
