/**
 * ChatRequest → an Anthropic Messages body: the system message in `system`, roles alternating,
 * that API's ranges and its own forms for tools (`input_schema`, `tool_choice {type}`, calls as
 * `tool_use` blocks, results as `tool_result` blocks in a user turn). The code export prints it;
 * the Anthropic-compatible provider sends it, and streams the warnings for what had to change.
 */
import type { Warning } from "../../chat/events";
import type { ChatMessage, ChatRequest, RequestOptions } from "../../chat/request";
import { asTwoRoles } from "../../chat/tool-prompt";
import { NUMERIC_PARAMS, toAnthropicFields, type SamplingParams } from "../../params";

/** The header every request carries: the Messages API version whose wire format we speak. */
export const ANTHROPIC_VERSION = "2023-06-01";

type ContentBlock =
  | { type: "text"; text: string }
  | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> }
  | { type: "tool_result"; tool_use_id: string; content: string };

export interface AnthropicMessage {
  role: "user" | "assistant";
  content: string | ContentBlock[];
}

export function anthropicMessagesBody(request: ChatRequest, model: string, stream: boolean): Record<string, unknown> {
  return anthropicMessagesRequest(request, model, stream).body;
}

/** The body, and a warning for each setting this API cannot take as given (never changed silently). */
export function anthropicMessagesRequest(request: ChatRequest, model: string, stream: boolean): { body: Record<string, unknown>; warnings: Warning[] } {
  const warnings = paramWarnings(request.params);
  const offered = !!request.options?.tools?.length && request.options.toolChoice !== "none";
  // That API refuses tool_use/tool_result blocks in a request that defines no tools, and it has no
  // tool choice "none" (upstream-apis.md): without offered tools, calls and results travel as text,
  // the way the Mixtral template writes them (lib/chat/tool-prompt.ts).
  const { messages, warnings: messageWarnings } = anthropicMessages(offered ? request.messages : asTwoRoles(request.messages));
  warnings.push(...messageWarnings);
  const tools = offered ? anthropicTools(request.options!) : {};
  return {
    body: {
      model,
      ...(request.systemMessage.trim() ? { system: request.systemMessage } : {}),
      messages,
      // Sampling fields from the parameter table: temperature, top_p, max_tokens, top_k, stop_sequences.
      ...toAnthropicFields(request.params),
      ...tools,
      stream,
    },
    warnings,
  };
}

/** Values above this API's range are clamped (temperature 0–1); parameters it lacks are named when set. */
function paramWarnings(params: SamplingParams): Warning[] {
  const warnings: Warning[] = [];
  for (const p of NUMERIC_PARAMS) {
    const value = params[p.key];
    if (p.anthropic && value > p.anthropic.max) {
      warnings.push({ setting: p.label, message: `The Messages API accepts ${p.label} from 0 to ${p.anthropic.max}; ${value} was sent as ${p.anthropic.max}.` });
    } else if (!p.anthropic && value !== p.default) {
      warnings.push({ setting: p.label, message: `The Messages API has no ${p.label}; it was not sent.` });
    }
  }
  return warnings;
}

/**
 * Our turns in the Messages API's two roles. An assistant's calls become `tool_use` blocks after
 * its text; tool results become `tool_result` blocks of a user turn. Consecutive turns of one role
 * are merged (that API wants roles to alternate): plain texts joined by a blank line, as the
 * Mixtral template does, otherwise their blocks in order, so parallel results share one user turn.
 */
export function anthropicMessages(messages: readonly ChatMessage[]): { messages: AnthropicMessage[]; warnings: Warning[] } {
  const out: AnthropicMessage[] = [];
  const warnings: Warning[] = [];
  for (const m of messages) {
    const next = toAnthropicMessage(m, warnings);
    const last = out.at(-1);
    if (!last || last.role !== next.role) out.push(next);
    else if (typeof last.content === "string" && typeof next.content === "string") last.content = `${last.content}\n\n${next.content}`;
    else last.content = [...asBlocks(last.content), ...asBlocks(next.content)];
  }
  return { messages: out, warnings };
}

function toAnthropicMessage(m: ChatMessage, warnings: Warning[]): AnthropicMessage {
  if (m.role === "tool") return { role: "user", content: [{ type: "tool_result", tool_use_id: m.toolCallId ?? "", content: m.content }] };
  if (m.role === "assistant" && m.toolCalls?.length) {
    return {
      role: "assistant",
      content: [
        ...(m.content ? [{ type: "text" as const, text: m.content }] : []),
        ...m.toolCalls.map((c) => ({ type: "tool_use" as const, id: c.id, name: c.name, input: toolInput(c.name, c.arguments, warnings) })),
      ],
    };
  }
  return { role: m.role, content: m.content };
}

const asBlocks = (content: string | ContentBlock[]): ContentBlock[] => (typeof content === "string" ? (content ? [{ type: "text", text: content }] : []) : content);

/** `tool_use.input` must be an object; a call whose arguments are not one (cut off mid-stream) is sent as {} and named. */
function toolInput(name: string, args: string, warnings: Warning[]): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(args || "{}");
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    /* named below */
  }
  warnings.push({ setting: "tools", message: `The arguments of the earlier call to ${name} are not a JSON object; the Messages API needs one, so they were sent as {}.` });
  return {};
}

/** `tools` with `input_schema`, and `tool_choice` in that API's words: auto, any (our "required"), tool + name. */
function anthropicTools(options: RequestOptions): Record<string, unknown> {
  const choice = options.toolChoice;
  const tools = (options.tools ?? []).map((t) => ({ name: t.name, ...(t.description ? { description: t.description } : {}), input_schema: t.parameters }));
  const toolChoice =
    choice === undefined || choice === "none" ? undefined : choice === "auto" ? { type: "auto" } : choice === "required" ? { type: "any" } : { type: "tool", name: choice.name };
  return { tools, ...(toolChoice ? { tool_choice: toolChoice } : {}) };
}
