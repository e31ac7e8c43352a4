/**
 * How the reply is shaped (reply-shaper.ts), and the schema of the grammar that holds the model
 * to it (none for text, and none while the model may still choose between text and calls).
 */
import type { RequestOptions } from "../chat/request";
import { offeredTools } from "../chat/tool-prompt";
import type { GrammarSchema } from "./grammar-cache";
import type { ShapeMode } from "./reply-shaper";
import { callListSchema, DEMO_JSON_OBJECT, responseSchema } from "./tool-grammar";

/** `boundedGrammars`: random weights, so every string and list is bounded (tool-grammar.ts). */
export function replyGrammar(options: RequestOptions | undefined, boundedGrammars: boolean): { mode: ShapeMode; schema?: GrammarSchema } {
  const tools = offeredTools(options);
  const choice = options?.toolChoice;
  if (tools.length && (choice === "required" || typeof choice === "object")) return { mode: "tools", schema: callListSchema(tools, boundedGrammars) };
  if (tools.length) return { mode: "auto-tools" };
  const format = options?.responseFormat;
  if (format?.type === "json_schema") return { mode: "json", schema: responseSchema(format.schema, boundedGrammars) };
  if (format?.type === "json_object") return { mode: "json", schema: boundedGrammars ? DEMO_JSON_OBJECT : "json" };
  return { mode: "text" };
}
