/** A conversation with what a file must carry: two versions of a reply, settings, usage, metrics, a function call and its result, a failed reply. */
import { DEFAULT_PARAMS, type SamplingParams } from "../../params";
import { followPath, treeOf, type ConversationTree } from "../../tree/conversation-tree";
import type { UiMessage } from "../ui-message";

export const testParams: SamplingParams = { ...DEFAULT_PARAMS, temperature: 0.3, maxTokens: 6, seed: 42, stop: ["END"], topK: 40 };
const generation = { systemMessage: "Be brief.", params: testParams, model: "mixtral-demo" };

export function testTree(): ConversationTree<UiMessage> {
  const question: UiMessage = { id: "q1", role: "user", content: "Show `code` and $x^2$:\n\n```js\nconsole.log(1)\n```" };
  const first: UiMessage = { id: "a1", role: "assistant", content: "First", state: "done", finishReason: "length", generation, usage: { promptTokens: 12, completionTokens: 6 }, metrics: { timeToFirstTokenMs: 40, totalMs: 300, tokensPerSecond: 20 }, signature: "sig" };
  const second: UiMessage = {
    id: "a2",
    role: "assistant",
    content: "",
    state: "done",
    finishReason: "tool_calls",
    generation,
    toolCalls: [{ id: "call_1", name: "weather", arguments: '{"city":"Paris"}' }],
    logprobs: [{ token: "x", logprob: -0.5, top: [{ token: "x", logprob: -0.5 }], tail: [-3] }],
    warnings: [{ setting: "Top K", message: "ignored" }],
  };
  const result: UiMessage = { id: "t1", role: "tool", toolCallId: "call_1", content: '{"temp":21}' };
  const failed: UiMessage = { id: "a3", role: "assistant", content: "", state: "error", error: { code: "timeout", message: "Timed out", retryAfter: 3 } };
  const tree = treeOf([question, first]);
  return followPath(tree, [question, second, result, failed]);
}
