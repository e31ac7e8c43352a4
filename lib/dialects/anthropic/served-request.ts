/**
 * An Anthropic Messages request, mapped onto our /api/chat body so the same validation applies
 * (lib/chat/schema.ts through toChatRequest). Fields Anthropic documents that label the caller or
 * tune its own infrastructure (`metadata`, `cache_control` on any block, `service_tier`,
 * `container`…) are accepted and ignored, as are fields it does not document; what would change
 * the reply and cannot be honoured is a 400 naming it (`disable_parallel_tool_use`, image and
 * document blocks).
 */
import { z } from "zod";
import { ModelIdSchema, type ChatBody } from "../../chat/schema";
import { AppError, invalidRequest } from "../../errors";

const TextBlock = z.looseObject({ type: z.literal("text"), text: z.string({ error: "text must be a string" }) });

const ContentBlock = z.looseObject({
  type: z.string({ error: "each content block needs a type" }),
  text: z.string({ error: "text must be a string" }).optional(),
  id: z.string({ error: "id must be a string" }).optional(),
  name: z.string({ error: "name must be a string" }).optional(),
  input: z.unknown().optional(),
  tool_use_id: z.string({ error: "tool_use_id must be a string" }).optional(),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string(), text: z.string().optional() }))], { error: "tool_result content must be a string or a list of text blocks" }).optional(),
  is_error: z.boolean().optional(),
});
type AnthropicBlock = z.infer<typeof ContentBlock>;

const MessageSchema = z.looseObject({
  // "system": a mid-conversation system turn (Claude Code sends them); its text joins the system prompt.
  role: z.enum(["user", "assistant", "system"], { error: 'role must be "user", "assistant" or "system"' }),
  content: z.union([z.string(), z.array(ContentBlock)], { error: "content must be a string or a list of content blocks" }),
});

const countFields = {
  model: ModelIdSchema,
  messages: z.array(MessageSchema, { error: "messages must be a list" }),
  system: z.union([z.string(), z.array(TextBlock)], { error: "system must be a string or a list of text blocks" }).optional(),
  tools: z
    .array(
      z.looseObject({
        name: z.string({ error: "name must be a string" }),
        description: z.string({ error: "description must be a string" }).optional(),
        input_schema: z.record(z.string(), z.unknown(), { error: "input_schema must be a JSON Schema object" }),
      }),
      { error: "tools must be a list" },
    )
    .optional(),
  tool_choice: z
    .looseObject({
      type: z.enum(["auto", "any", "tool", "none"], { error: 'tool_choice.type must be "auto", "any", "tool" or "none"' }),
      name: z.string().optional(),
      disable_parallel_tool_use: z.boolean().optional(),
    })
    .refine((c) => c.type !== "tool" || typeof c.name === "string", { error: 'tool_choice of type "tool" needs a name', path: ["name"] })
    .optional(),
};

/** POST /api/v1/messages/count_tokens: what the prompt consists of. */
export const AnthropicCountRequestSchema = z.looseObject(countFields);

export const AnthropicMessagesRequestSchema = z.looseObject({
  ...countFields,
  max_tokens: z.number({ error: "max_tokens is required, a number" }),
  stop_sequences: z.array(z.string({ error: "each stop sequence must be a string" }), { error: "stop_sequences must be a list of strings" }).optional(),
  // Anthropic's range, narrower than our parameter table's.
  temperature: z.number({ error: "temperature must be a number" }).min(0, { error: "temperature must be at least 0" }).max(1, { error: "temperature must be at most 1" }).optional(),
  top_p: z.number({ error: "top_p must be a number" }).optional(),
  top_k: z.number({ error: "top_k must be a number" }).optional(),
  stream: z.boolean({ error: "stream must be true or false" }).optional(),
  metadata: z.looseObject({}).nullish(),
});
export type AnthropicMessagesRequest = z.infer<typeof AnthropicMessagesRequestSchema>;
export type AnthropicCountRequest = z.infer<typeof AnthropicCountRequestSchema>;

/** Block types the model has no use for in history, dropped as Anthropic's own non-thinking models do. */
const SKIPPED = new Set(["thinking", "redacted_thinking"]);

const joinText = (blocks: readonly { type: string; text?: string }[]) =>
  blocks
    .filter((b) => b.type === "text")
    .map((b) => b.text ?? "")
    .join("\n\n");

/**
 * The /api/chat body for this request, and for each of our messages the index of the Anthropic
 * message it came from (a user turn with tool results becomes several of ours), so errors can
 * name the client's own field. Throws a 400 naming the field for what cannot be honoured.
 */
export function toChatBody(request: AnthropicCountRequest & Partial<AnthropicMessagesRequest>): { body: Record<string, unknown>; source: number[] } {
  const messages: Record<string, unknown>[] = [];
  const source: number[] = [];
  // Mixtral has one system prompt: system turns, wherever they stand, join it in order.
  const system = [typeof request.system === "string" ? request.system : joinText(request.system ?? [])].filter(Boolean);
  request.messages.forEach((m, i) => {
    const push = (message: Record<string, unknown>) => {
      messages.push(message);
      source.push(i);
    };
    if (m.role === "system") {
      if (typeof m.content !== "string") {
        const other = m.content.findIndex((b) => b.type !== "text");
        if (other >= 0) throw invalidRequest([{ field: `messages.${i}.content.${other}.type`, message: "a system message holds text blocks only" }]);
      }
      system.push(typeof m.content === "string" ? m.content : joinText(m.content));
      return;
    }
    if (typeof m.content === "string") return push({ role: m.role, content: m.content });
    m.content.forEach((block, j) => {
      if (!["text", "tool_use", "tool_result"].includes(block.type) && !SKIPPED.has(block.type)) {
        throw invalidRequest([{ field: `messages.${i}.content.${j}.type`, message: `${block.type} blocks are not supported by this server (the model reads text)` }]);
      }
      if (block.type === "tool_use" && m.role !== "assistant") throw invalidRequest([{ field: `messages.${i}.content.${j}`, message: "tool_use blocks belong in assistant messages" }]);
      if (block.type === "tool_result" && m.role !== "user") throw invalidRequest([{ field: `messages.${i}.content.${j}`, message: "tool_result blocks belong in user messages" }]);
    });
    if (m.role === "user") {
      // Results first (Anthropic puts them at the start of the turn), then whatever the user wrote.
      for (const block of m.content) if (block.type === "tool_result") push({ role: "tool", content: resultText(block), toolCallId: block.tool_use_id ?? "" });
      const text = joinText(m.content);
      if (text || !m.content.some((b) => b.type === "tool_result")) push({ role: "user", content: text });
      return;
    }
    const calls = m.content.filter((b) => b.type === "tool_use").map((b) => ({ id: b.id ?? "", name: b.name ?? "", arguments: JSON.stringify(b.input ?? {}) }));
    push({ role: "assistant", content: joinText(m.content), ...(calls.length ? { toolCalls: calls } : {}) });
  });

  const params: Record<string, unknown> = {};
  if (request.max_tokens !== undefined) params.maxTokens = request.max_tokens;
  if (request.temperature !== undefined) params.temperature = request.temperature;
  if (request.top_p !== undefined) params.topP = request.top_p;
  if (request.top_k !== undefined) params.topK = request.top_k;
  if (request.stop_sequences?.length) params.stop = request.stop_sequences;

  const options: Record<string, unknown> = {};
  if (request.tools?.length) options.tools = request.tools.map((t) => ({ name: t.name, ...(t.description !== undefined ? { description: t.description } : {}), parameters: t.input_schema }));
  const choice = request.tool_choice;
  if (choice) {
    if (choice.disable_parallel_tool_use) throw invalidRequest([{ field: "tool_choice.disable_parallel_tool_use", message: "calls cannot be limited to one per reply here; omit it or send false" }]);
    // No tools and no "none": the default, nothing to say.
    if (request.tools?.length || choice.type === "none") options.toolChoice = choice.type === "any" ? "required" : choice.type === "tool" ? { name: choice.name } : choice.type;
  }
  return {
    body: {
      systemMessage: system.join("\n\n"),
      messages,
      params,
      ...(Object.keys(options).length ? { options } : {}),
    } satisfies Partial<Record<keyof ChatBody, unknown>>,
    source,
  };
}

function resultText(block: AnthropicBlock): string {
  const content = block.content;
  const text = typeof content === "string" ? content : joinText(content ?? []);
  return block.is_error ? `Error: ${text}` : text;
}

/** Our field path (params.topP, messages.3.toolCallId, options.tools.0.parameters) in the request's own words. */
export function anthropicParam(path: string, source: readonly number[]): string {
  const renamed = path
    .replace(/^params\.maxTokens/, "max_tokens")
    .replace(/^params\.temperature/, "temperature")
    .replace(/^params\.topP/, "top_p")
    .replace(/^params\.topK/, "top_k")
    .replace(/^params\.stop/, "stop_sequences")
    .replace(/^systemMessage/, "system")
    .replace(/^options\.tools\.(\d+)\.parameters/, "tools.$1.input_schema")
    .replace(/^options\.tools/, "tools")
    .replace(/^options\.toolChoice/, "tool_choice");
  const message = /^messages\.(\d+)(.*)$/.exec(renamed);
  if (!message) return renamed;
  const original = source[Number(message[1])];
  return original === undefined ? renamed : `messages.${original}`;
}

/** A refusal in the request's own words: each bad field of a 400 named as the client sent it (`max_tokens: …`). */
export function inAnthropicWords(error: AppError, source: readonly number[] = []): AppError {
  if (error.status !== 400 || !error.fields?.length) return error;
  const fields = error.fields.map((f) => ({ field: f.field ? anthropicParam(f.field, source) : f.field, message: f.message }));
  const message = fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join("; ");
  return new AppError(error.status, error.code, message, fields, error.retryAfter);
}
