/**
 * The Functions editor's text: a JSON array of function definitions, checked as the user types
 * with the same schema the server applies (lib/chat/function-schema.ts), so what the editor accepts the
 * server accepts. Problems name the line (syntax) or the function and field (content).
 */
// Not ../chat/schema: that is the full zod, which the page would then load (see function-schema.ts).
import { FunctionDefinitionSchema, MAX_TOOLS } from "../chat/function-schema";
import type { FunctionDefinition } from "../chat/request";
import { describeProblem, parseJsonText } from "../json/json-error";

export type ParsedFunctions = { ok: true; tools: FunctionDefinition[] } | { ok: false; error: string };

export function parseFunctionDefinitions(text: string): ParsedFunctions {
  if (!text.trim()) return { ok: true, tools: [] };
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, error: describeProblem(parsed.problem) };
  const list = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  if (list.length > MAX_TOOLS) return { ok: false, error: `At most ${MAX_TOOLS} functions.` };
  const tools: FunctionDefinition[] = [];
  for (const [i, item] of list.entries()) {
    const result = FunctionDefinitionSchema.safeParse(item);
    const label = `Function ${i + 1}${typeof (item as { name?: unknown })?.name === "string" ? ` (${(item as { name: string }).name})` : ""}`;
    if (!result.success) {
      const issue = result.error.issues[0];
      return { ok: false, error: `${label}, ${issue.path.join(".") || "definition"}: ${issue.message}` };
    }
    if (tools.some((t) => t.name === result.data.name)) return { ok: false, error: `${label}: another function has the same name.` };
    tools.push(result.data as FunctionDefinition);
  }
  return { ok: true, tools };
}

/** Ready examples to start from. */
export const EXAMPLE_FUNCTIONS: FunctionDefinition[] = [
  {
    name: "get_weather",
    description: "Current weather for a city.",
    parameters: {
      type: "object",
      properties: {
        city: { type: "string", description: "City name, e.g. Paris" },
        unit: { type: "string", enum: ["celsius", "fahrenheit"] },
      },
      required: ["city", "unit"],
    },
  },
  {
    name: "search_products",
    description: "Search the product catalogue.",
    parameters: {
      type: "object",
      properties: {
        query: { type: "string" },
        max_price: { type: "number", description: "Highest price in USD" },
        in_stock: { type: "boolean" },
      },
      required: ["query"],
    },
  },
  {
    name: "send_email",
    description: "Send an email.",
    parameters: {
      type: "object",
      properties: { to: { type: "string", format: "email" }, subject: { type: "string" }, body: { type: "string" } },
      required: ["to", "subject", "body"],
    },
  },
];

export const formatDefinitions = (tools: readonly FunctionDefinition[]) => JSON.stringify(tools, null, 2);
