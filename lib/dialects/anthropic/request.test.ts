import { describe, expect, it } from "vitest";
import type { ChatRequest, FunctionDefinition } from "../../chat/request";
import { DEFAULT_PARAMS } from "../../params";
import { anthropicMessagesBody, anthropicMessagesRequest } from "./request";

const WEATHER: FunctionDefinition = {
  name: "get_weather",
  description: "Current weather in a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};
const TIME: FunctionDefinition = { name: "get_time", parameters: { type: "object", properties: {} } };

const base: ChatRequest = {
  systemMessage: "Be brief.",
  messages: [{ role: "user", content: "Weather and time in Paris?" }],
  params: { ...DEFAULT_PARAMS, temperature: 0.5, maxTokens: 300, topP: 0.9 },
};

describe("Anthropic Messages request body", () => {
  it("puts the system message in `system` and the sampling fields under that API's names", () => {
    expect(anthropicMessagesRequest(base, "m", true)).toEqual({
      body: { model: "m", system: "Be brief.", messages: [{ role: "user", content: "Weather and time in Paris?" }], max_tokens: 300, temperature: 0.5, top_p: 0.9, stream: true },
      warnings: [],
    });
    expect(anthropicMessagesBody({ ...base, systemMessage: " " }, "m", false)).not.toHaveProperty("system");
  });

  it("clamps temperature to 0–1 and says so in a warning; set penalties are named as not sent", () => {
    const { body, warnings } = anthropicMessagesRequest({ ...base, params: { ...base.params, temperature: 1.4, frequencyPenalty: 0.5 } }, "m", true);
    expect(body.temperature).toBe(1);
    expect(body).not.toHaveProperty("frequency_penalty");
    expect(warnings).toEqual([
      { setting: "Temperature", message: "The Messages API accepts Temperature from 0 to 1; 1.4 was sent as 1." },
      { setting: "Frequency Penalty", message: "The Messages API has no Frequency Penalty; it was not sent." },
    ]);
    expect(anthropicMessagesRequest({ ...base, params: { ...base.params, temperature: 1 } }, "m", true).warnings).toEqual([]);
  });

  it("sends tools with input_schema and maps tool choice: auto, required → any, a name → tool; stop → stop_sequences, top_k as is", () => {
    const withTools = (toolChoice?: NonNullable<ChatRequest["options"]>["toolChoice"]) =>
      anthropicMessagesRequest({ ...base, params: { ...base.params, stop: ["\n\nUser:"], topK: 40 }, options: { tools: [WEATHER, TIME], ...(toolChoice ? { toolChoice } : {}) } }, "m", true).body;
    expect(withTools()).toMatchObject({
      tools: [
        { name: "get_weather", description: "Current weather in a city", input_schema: WEATHER.parameters },
        { name: "get_time", input_schema: TIME.parameters },
      ],
      stop_sequences: ["\n\nUser:"],
      top_k: 40,
    });
    expect(withTools()).not.toHaveProperty("tool_choice");
    expect(withTools("auto").tool_choice).toEqual({ type: "auto" });
    expect(withTools("required").tool_choice).toEqual({ type: "any" });
    expect(withTools({ name: "get_time" }).tool_choice).toEqual({ type: "tool", name: "get_time" });
    expect((withTools().tools as object[])[1]).not.toHaveProperty("description");
  });

  it('tool choice "none" (no such value in that API) leaves the tools out', () => {
    const { body, warnings } = anthropicMessagesRequest({ ...base, options: { tools: [WEATHER], toolChoice: "none" } }, "m", true);
    expect(body).not.toHaveProperty("tools");
    expect(body).not.toHaveProperty("tool_choice");
    expect(warnings).toEqual([]);
  });

  const history: ChatRequest["messages"] = [
    { role: "user", content: "Weather and time in Paris?" },
    {
      role: "assistant",
      content: "Let me check.",
      toolCalls: [
        { id: "toolu_1", name: "get_weather", arguments: '{"city":"Paris"}' },
        { id: "toolu_2", name: "get_time", arguments: "{}" },
      ],
    },
    { role: "tool", toolCallId: "toolu_1", content: '{"temp_c":18}' },
    { role: "tool", toolCallId: "toolu_2", content: "14:05" },
    { role: "assistant", content: "18 °C, 14:05." },
    { role: "user", content: "Thanks" },
    { role: "user", content: "And tomorrow?" },
  ];

  it("writes calls as tool_use blocks after the text, groups consecutive results in one user turn, and keeps roles alternating", () => {
    const { body, warnings } = anthropicMessagesRequest({ ...base, messages: history, options: { tools: [WEATHER, TIME] } }, "m", true);
    expect(warnings).toEqual([]);
    expect(body.messages).toEqual([
      { role: "user", content: "Weather and time in Paris?" },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Let me check." },
          { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
          { type: "tool_use", id: "toolu_2", name: "get_time", input: {} },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: '{"temp_c":18}' },
          { type: "tool_result", tool_use_id: "toolu_2", content: "14:05" },
        ],
      },
      { role: "assistant", content: "18 °C, 14:05." },
      { role: "user", content: "Thanks\n\nAnd tomorrow?" },
    ]);
  });

  it("a user message right after tool results joins their turn as a text block; a call without text has no text block", () => {
    const messages: ChatRequest["messages"] = [
      { role: "user", content: "Weather?" },
      { role: "assistant", content: "", toolCalls: [{ id: "t1", name: "get_weather", arguments: '{"city":"Oslo"}' }] },
      { role: "tool", toolCallId: "t1", content: "rain" },
      { role: "user", content: "Umbrella?" },
    ];
    expect(anthropicMessagesRequest({ ...base, messages, options: { tools: [WEATHER] } }, "m", true).body.messages).toEqual([
      { role: "user", content: "Weather?" },
      { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "get_weather", input: { city: "Oslo" } }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "rain" }, { type: "text", text: "Umbrella?" }] },
    ]);
  });

  it("sends arguments that are not a JSON object as {} with a warning", () => {
    const messages: ChatRequest["messages"] = [
      { role: "user", content: "Weather?" },
      { role: "assistant", content: "", toolCalls: [{ id: "t1", name: "get_weather", arguments: '{"city":"Os' }] },
      { role: "tool", toolCallId: "t1", content: "error: bad arguments" },
    ];
    const { body, warnings } = anthropicMessagesRequest({ ...base, messages, options: { tools: [WEATHER] } }, "m", true);
    expect((body.messages as { content: { input?: unknown }[] }[])[1].content[0].input).toEqual({});
    expect(warnings).toEqual([{ setting: "tools", message: expect.stringContaining("get_weather are not a JSON object") }]);
  });

  it('without offered tools (none, or tool choice "none") the calls and results travel as text, as the Mixtral template writes them', () => {
    for (const options of [undefined, { tools: [WEATHER, TIME], toolChoice: "none" as const }]) {
      const { body, warnings } = anthropicMessagesRequest({ ...base, messages: history, ...(options ? { options } : {}) }, "m", true);
      expect(body).not.toHaveProperty("tools");
      expect(body).not.toHaveProperty("tool_choice");
      expect(warnings).toEqual([]);
      expect(body.messages).toEqual([
        { role: "user", content: "Weather and time in Paris?" },
        { role: "assistant", content: 'Let me check.\n[{"name":"get_weather","arguments":{"city":"Paris"}},{"name":"get_time","arguments":{}}]' },
        { role: "user", content: 'Result of get_weather (toolu_1):\n{"temp_c":18}\n\nResult of get_time (toolu_2):\n14:05' },
        { role: "assistant", content: "18 °C, 14:05." },
        { role: "user", content: "Thanks\n\nAnd tomorrow?" },
      ]);
    }
  });
});
