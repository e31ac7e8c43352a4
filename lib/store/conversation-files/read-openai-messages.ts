/**
 * An OpenAI `messages` array as a conversation: what "Copy as messages" writes, or what any
 * client sends to /v1/chat/completions. A leading system message becomes the System Message;
 * the rest become one path. Fields OpenAI has that the playground does not keep (`name`,
 * `refusal`…) are ignored, but each role and content is checked, with the path named.
 */
import * as z from "zod/mini";
import { treeOf, type ConversationTree } from "../../tree/conversation-tree";
import type { UiMessage } from "../ui-message";
import { issueLines } from "./issue-paths";
import { text } from "./conversation-file-schema";

const ToolCallSchema = z.object({
  id: text(),
  type: z.optional(z.literal("function", { error: 'must be "function"' })),
  function: z.object({ name: text(), arguments: text() }, { error: "must be an object with name and arguments" }),
});

const OpenAiMessageSchema = z.object(
  {
    role: z.enum(["system", "user", "assistant", "tool"], { error: "must be one of system, user, assistant, tool" }),
    // OpenAI writes null content beside tool calls; anything else (content parts, numbers) is not read.
    content: z.nullable(text()),
    tool_calls: z.optional(z.array(ToolCallSchema, { error: "must be a list" })),
    tool_call_id: z.optional(text()),
  },
  { error: "must be an object with role and content" },
);

type OpenAiMessage = z.infer<typeof OpenAiMessageSchema>;

export function readOpenAiMessages(input: unknown[], newId: () => string): { errors: string[] } | { systemMessage?: string; tree: ConversationTree<UiMessage> } {
  const errors: string[] = [];
  const messages: OpenAiMessage[] = [];
  input.forEach((item, i) => {
    const parsed = OpenAiMessageSchema.safeParse(item);
    if (!parsed.success) return errors.push(...issueLines(parsed.error.issues, `messages[${i}]`));
    const m = parsed.data;
    if (m.role === "system" && i > 0) errors.push(`messages[${i}].role: a system message may only come first`);
    if (m.content === null && !(m.role === "assistant" && m.tool_calls?.length)) errors.push(`messages[${i}].content: must be a string`);
    if (m.role === "tool" && m.tool_call_id === undefined) errors.push(`messages[${i}].tool_call_id: is required for a tool message`);
    messages.push(m);
  });
  const system = messages[0]?.role === "system" ? messages[0] : undefined;
  const turns = system ? messages.slice(1) : messages;
  if (!errors.length && !turns.length) errors.push("messages: must hold at least one user, assistant or tool message");
  if (errors.length) return { errors };

  const path = turns.map((m): UiMessage => {
    const base = { id: newId(), content: m.content ?? "" };
    if (m.role === "tool") return { ...base, role: "tool", toolCallId: m.tool_call_id };
    if (m.role === "user") return { ...base, role: "user" };
    const toolCalls = m.tool_calls?.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments }));
    return { ...base, role: "assistant", state: "done", ...(toolCalls?.length ? { toolCalls, finishReason: "tool_calls" as const } : {}) };
  });
  return { ...(system ? { systemMessage: system.content ?? "" } : {}), tree: treeOf(path) };
}
