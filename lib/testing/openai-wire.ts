/**
 * Wire bytes in the shape OpenAI-compatible servers (ModelsLab v7, vLLM, llama.cpp server)
 * send for a streamed chat completion: role delta, content deltas, a finish chunk, a usage
 * chunk with empty choices, then [DONE]. Text includes multi-byte UTF-8 on purpose.
 */
const base = { id: "chatcmpl-7f3a", object: "chat.completion.chunk", created: 1764000000, model: "mistralai-mixtral-8x7b-instruct" };

export const REPLY_PIECES = ["Quantum", " computers use", " qubits ⚛️", " — café, 量子", "."];
export const REPLY_TEXT = REPLY_PIECES.join("");

export const sseData = (json: unknown) => `data: ${typeof json === "string" ? json : JSON.stringify(json)}\n\n`;

export function openAiStream(pieces: readonly string[] = REPLY_PIECES, { usage = true, finish = "stop" } = {}): string[] {
  return [
    sseData({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] }),
    ...pieces.map((content) => sseData({ ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }] })),
    sseData({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finish }] }),
    ...(usage ? [sseData({ ...base, choices: [], usage: { prompt_tokens: 31, completion_tokens: 12, total_tokens: 43 } })] : []),
    "data: [DONE]\n\n",
  ];
}

export function toolCallStream(): string[] {
  const call = (delta: unknown) => sseData({ ...base, choices: [{ index: 0, delta: { tool_calls: [delta] }, finish_reason: null }] });
  return [
    sseData({ ...base, choices: [{ index: 0, delta: { role: "assistant" }, finish_reason: null }] }),
    call({ index: 0, id: "call_1", type: "function", function: { name: "get_weather", arguments: "" } }),
    call({ index: 0, function: { arguments: '{"city":' } }),
    call({ index: 0, function: { arguments: '"Paris"}' } }),
    sseData({ ...base, choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }] }),
    "data: [DONE]\n\n",
  ];
}

/** The whole stream as one byte buffer, for splitting at every offset. */
export const streamBytes = (chunks: readonly string[]) => Buffer.from(chunks.join(""), "utf8");
