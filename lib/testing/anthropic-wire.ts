/**
 * Hand-written from Anthropic's documented Messages streaming format (not captured from a
 * server): `event: <type>\ndata: <json>\n\n` with message_start (usage.input_tokens),
 * content_block_start/delta/stop for text (text_delta) and tool_use (input_json_delta pieces of
 * partial_json, the first one empty as the docs show), ping, message_delta (stop_reason,
 * cumulative usage.output_tokens), message_stop, and an `error` event. Text and arguments hold
 * multi-byte UTF-8 on purpose, so splitting at every byte cuts inside characters.
 */
export const MODEL_ID = "mistralai-mixtral-8x7b-instruct";

export const anthropicEvent = (type: string, data: object = {}) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

const messageStart = (inputTokens = 412) =>
  anthropicEvent("message_start", {
    message: { id: "msg_01XFDUDYJgAACzvnptvVoYEL", type: "message", role: "assistant", content: [], model: MODEL_ID, stop_reason: null, stop_sequence: null, usage: { input_tokens: inputTokens, output_tokens: 1 } },
  });

export const TEXT_PIECES = ["Quantum", " computers use", " qubits ⚛️", " — café, 量子", "."];

/** A plain streamed reply, with a ping between blocks. */
export function anthropicTextStream(pieces: readonly string[] = TEXT_PIECES, stopReason = "end_turn"): string[] {
  return [
    messageStart(31),
    anthropicEvent("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
    anthropicEvent("ping"),
    ...pieces.map((text) => anthropicEvent("content_block_delta", { index: 0, delta: { type: "text_delta", text } })),
    anthropicEvent("content_block_stop", { index: 0 }),
    anthropicEvent("message_delta", { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 12 } }),
    anthropicEvent("message_stop"),
  ];
}

export const TOOL_TEXT = "Je regarde la météo ☀️ à Zürich et l'heure.";
export const TOOL_CALLS = [
  { id: "toolu_01A09q90qw90lq917835lq9", name: "get_weather", arguments: '{"city": "Zürich", "unit": "celsius"}' },
  { id: "toolu_01B7kd0sE2mXl3Qw8rTn5yZp", name: "get_time", arguments: '{"timezone": "Europe/Zürich"}' },
];

/**
 * A text block, then two parallel tool_use blocks (block indexes 1 and 2, our call indexes 0 and 1)
 * whose input arrives as input_json_delta pieces, a ping in between, stop_reason tool_use.
 */
export function anthropicToolStream(): string[] {
  const json = (index: number, partial_json: string) => anthropicEvent("content_block_delta", { index, delta: { type: "input_json_delta", partial_json } });
  return [
    messageStart(),
    anthropicEvent("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
    anthropicEvent("content_block_delta", { index: 0, delta: { type: "text_delta", text: "Je regarde la météo ☀️" } }),
    anthropicEvent("content_block_delta", { index: 0, delta: { type: "text_delta", text: " à Zürich et l'heure." } }),
    anthropicEvent("content_block_stop", { index: 0 }),
    anthropicEvent("content_block_start", { index: 1, content_block: { type: "tool_use", id: TOOL_CALLS[0].id, name: "get_weather", input: {} } }),
    json(1, ""),
    json(1, '{"city": "Zü'),
    json(1, 'rich", "unit"'),
    anthropicEvent("ping"),
    json(1, ': "celsius"}'),
    anthropicEvent("content_block_stop", { index: 1 }),
    anthropicEvent("content_block_start", { index: 2, content_block: { type: "tool_use", id: TOOL_CALLS[1].id, name: "get_time", input: {} } }),
    json(2, '{"timezone":'),
    json(2, ' "Europe/Zürich"}'),
    anthropicEvent("content_block_stop", { index: 2 }),
    anthropicEvent("message_delta", { delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: 89 } }),
    anthropicEvent("message_stop"),
  ];
}

export const OVERLOADED = { type: "error", error: { type: "overloaded_error", message: "Overloaded" } };

/** Two text pieces, then the documented mid-stream `error` event. */
export function anthropicErrorMidStream(): string[] {
  return [...anthropicTextStream().slice(0, 5), `event: error\ndata: ${JSON.stringify(OVERLOADED)}\n\n`];
}

/** A non-streamed message, as a gateway may answer a stream request. */
export const anthropicMessageJson = {
  id: "msg_01",
  type: "message",
  role: "assistant",
  model: MODEL_ID,
  content: [
    { type: "text", text: "Checking." },
    { type: "tool_use", id: "toolu_9", name: "get_weather", input: { city: "Paris" } },
  ],
  stop_reason: "tool_use",
  stop_sequence: null,
  usage: { input_tokens: 20, output_tokens: 9 },
};
