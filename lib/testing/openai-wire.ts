/** Two calls in one reply, their argument pieces interleaved, as OpenAI streams parallel calls. */
export function parallelToolCallStream(): string[] {
  const call = (delta: unknown) => sseData({ ...base, choices: [{ index: 0, delta: { tool_calls: [delta] }, finish_reason: null }] });
  return [
    sseData({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: null }, finish_reason: null }] }),
    call({ index: 0, id: "call_a", type: "function", function: { name: "get_weather", arguments: "" } }),
    call({ index: 0, function: { arguments: '{"city": "Zürich' } }),
    call({ index: 1, id: "call_b", type: "function", function: { name: "search_products", arguments: '{"query"' } }),
    call({ index: 0, function: { arguments: '", "unit": "celsius"}' } }),
    call({ index: 1, function: { arguments: ': "umbrella ☂"}' } }),
    sseData({ ...base, choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }] }),
    "data: [DONE]\n\n",
  ];
}

/**
 * Hand-written from the documented formats (not captured from a server): wire bytes in the shape OpenAI-compatible servers (ModelsLab v7, vLLM, llama.cpp server)
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

/**
 * A stream asked with `logprobs: true, top_logprobs: 2`, hand-written from OpenAI's documented
 * chunk shape: each content delta carries `logprobs.content[]` for its tokens (token, logprob,
 * UTF-8 bytes, top_logprobs), `refusal: null` beside it; the finish chunk has `logprobs: null`.
 * The second delta holds two tokens, as servers that batch tokens per chunk send them.
 */
export const LOGPROB_TOKENS = [
  { token: "Qu", logprob: -0.25, bytes: [81, 117], top_logprobs: [{ token: "Qu", logprob: -0.25, bytes: [81, 117] }, { token: "The", logprob: -1.75, bytes: [84, 104, 101] }] },
  { token: "antum", logprob: -0.01, bytes: [97, 110, 116, 117, 109], top_logprobs: [{ token: "antum", logprob: -0.01, bytes: [97, 110, 116, 117, 109] }, { token: "ick", logprob: -5.1, bytes: [105, 99, 107] }] },
  { token: " café", logprob: -3.5, bytes: [32, 99, 97, 102, 195, 169], top_logprobs: [{ token: " bits", logprob: -0.9, bytes: [32, 98, 105, 116, 115] }, { token: " café", logprob: -3.5, bytes: [32, 99, 97, 102, 195, 169] }] },
];

export function logprobStream(): string[] {
  const delta = (content: string, tokens: typeof LOGPROB_TOKENS) =>
    sseData({ ...base, choices: [{ index: 0, delta: { content }, logprobs: { content: tokens, refusal: null }, finish_reason: null }] });
  return [
    sseData({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }] }),
    delta("Qu", LOGPROB_TOKENS.slice(0, 1)),
    delta("antum café", LOGPROB_TOKENS.slice(1)),
    sseData({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }] }),
    "data: [DONE]\n\n",
  ];
}

/** The whole stream as one byte buffer, for splitting at every offset. */
export const streamBytes = (chunks: readonly string[]) => Buffer.from(chunks.join(""), "utf8");

/** Anthropic Messages streaming events, in their documented order, with a ping in the middle. */
export function anthropicStream(pieces: readonly string[] = REPLY_PIECES): string[] {
  const event = (type: string, data: unknown) => `event: ${type}\ndata: ${JSON.stringify({ type, ...(data as object) })}\n\n`;
  return [
    event("message_start", { message: { id: "msg_1", type: "message", role: "assistant", content: [], model: base.model, usage: { input_tokens: 31, output_tokens: 1 } } }),
    event("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
    event("ping", {}),
    ...pieces.map((text) => event("content_block_delta", { index: 0, delta: { type: "text_delta", text } })),
    event("content_block_stop", { index: 0 }),
    event("message_delta", { delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 12 } }),
    event("message_stop", {}),
  ];
}

/** Non-streamed replies of both dialects. */
export const openAiCompletion = (text = REPLY_TEXT) => ({
  ...base,
  object: "chat.completion",
  choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
  usage: { prompt_tokens: 31, completion_tokens: 12, total_tokens: 43 },
});

export const anthropicMessage = (text = REPLY_TEXT) => ({
  id: "msg_1",
  type: "message",
  role: "assistant",
  model: base.model,
  content: [{ type: "text", text }],
  stop_reason: "end_turn",
  usage: { input_tokens: 31, output_tokens: 12 },
});
