/**
 * What the Anthropic-format mock (./mock-anthropic.ts) streams, in its own module: the spec
 * imports the expected text from here, since importing the mock would start a second server.
 */
import { anthropicEvent } from "../../lib/testing/anthropic-wire";

export const ANTHROPIC_REPLY = ["Let me look up ", "the weather ", "in Paris ", "for you. ", "One moment."];
export const TOOL_ARGUMENT_PIECES = ['{"city": ', '"Paris", ', '"unit": "celsius"}'];

export function replyEvents(): string[] {
  return [
    anthropicEvent("message_start", {
      message: { id: "msg_e2e", type: "message", role: "assistant", content: [], model: "mistralai-mixtral-8x7b-instruct", stop_reason: null, usage: { input_tokens: 57, output_tokens: 1 } },
    }),
    anthropicEvent("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
    ...ANTHROPIC_REPLY.map((text) => anthropicEvent("content_block_delta", { index: 0, delta: { type: "text_delta", text } })),
    anthropicEvent("content_block_stop", { index: 0 }),
    anthropicEvent("ping"),
    anthropicEvent("content_block_start", { index: 1, content_block: { type: "tool_use", id: "toolu_e2e_1", name: "get_weather", input: {} } }),
    ...TOOL_ARGUMENT_PIECES.map((partial_json) => anthropicEvent("content_block_delta", { index: 1, delta: { type: "input_json_delta", partial_json } })),
    anthropicEvent("content_block_stop", { index: 1 }),
    anthropicEvent("message_delta", { delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: 42 } }),
    anthropicEvent("message_stop"),
  ];
}
