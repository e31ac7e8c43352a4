/**
 * Function calling in the Mixtral Instruct prompt. Mixtral 8x7B Instruct v0.1 has no tool tokens
 * (its vocabulary predates Mistral's [AVAILABLE_TOOLS]), so tools are plain text: the definitions
 * and how to call them go with the system message, a call is a JSON array the model writes as its
 * whole reply, and a result is a user turn that says which call it answers. The embedded engine
 * constrains that JSON with a grammar (lib/engine/tool-grammar.ts); the token counter counts the
 * same text. Pure and dependency-free.
 */
import type { ChatMessage, FunctionDefinition, RequestOptions, ToolCall } from "./request";

/** The tools a request offers the model: none when there are none or the choice is "none". */
export function offeredTools(options: RequestOptions | undefined): FunctionDefinition[] {
  if (!options?.tools?.length || options.toolChoice === "none") return [];
  if (typeof options.toolChoice === "object") return options.tools.filter((t) => t.name === (options.toolChoice as { name: string }).name);
  return options.tools;
}

export function toolInstructions(tools: readonly FunctionDefinition[], choice: RequestOptions["toolChoice"]): string {
  if (!tools.length) return "";
  const must = choice === "required" || typeof choice === "object";
  return [
    must ? "You must call a function now." : "You can call functions.",
    'To call functions, reply with only a JSON array of calls and nothing else, e.g. [{"name": "function_name", "arguments": {"arg": "value"}}].',
    "You will then receive each function's result.",
    `Functions (JSON Schema of their arguments):\n${JSON.stringify(tools.map((t) => ({ name: t.name, ...(t.description ? { description: t.description } : {}), parameters: t.parameters })))}`,
  ].join("\n");
}

/** An assistant turn's calls as the model writes them. */
export const callsAsText = (calls: readonly ToolCall[]) =>
  JSON.stringify(calls.map((c) => ({ name: c.name, arguments: parseOr(c.arguments) })));

/** A tool result as the user turn the model reads. */
export function toolResultText(message: ChatMessage, history: readonly ChatMessage[]): string {
  const call = history.flatMap((m) => m.toolCalls ?? []).find((c) => c.id === message.toolCallId);
  return `Result of ${call ? call.name : "function"} (${message.toolCallId}):\n${message.content}`;
}

/** The conversation in Mixtral's two roles: calls become the assistant's JSON, results user turns. */
export function asTwoRoles(messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.map((m) => {
    if (m.role === "tool") return { role: "user", content: toolResultText(m, messages) };
    if (m.role === "assistant" && m.toolCalls?.length) return { role: "assistant", content: [m.content, callsAsText(m.toolCalls)].filter(Boolean).join("\n") };
    return { role: m.role, content: m.content };
  });
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
