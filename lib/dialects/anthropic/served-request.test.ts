import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { inAnthropicWords, anthropicParam, AnthropicMessagesRequestSchema, toChatBody } from "./served-request";

const parse = (body: Record<string, unknown>) => AnthropicMessagesRequestSchema.parse({ model: "m", max_tokens: 100, ...body });

describe("toChatBody (Anthropic Messages → our chat body)", () => {
  it("joins system blocks, maps the sampling fields, and ignores metadata, cache_control and unknown fields", () => {
    const { body } = toChatBody(
      parse({
        system: [{ type: "text", text: "You are terse.", cache_control: { type: "ephemeral" } }, { type: "text", text: "Answer in French." }],
        messages: [{ role: "user", content: "Bonjour" }],
        temperature: 0.3,
        top_p: 0.8,
        top_k: 40,
        stop_sequences: ["\n\nHuman:"],
        metadata: { user_id: "u1" },
        service_tier: "auto",
        unknown_thing: 1,
      }),
    );
    expect(body).toEqual({
      systemMessage: "You are terse.\n\nAnswer in French.",
      messages: [{ role: "user", content: "Bonjour" }],
      params: { maxTokens: 100, temperature: 0.3, topP: 0.8, topK: 40, stop: ["\n\nHuman:"] },
    });
  });

  it("maps tool_use blocks to calls and tool_result blocks to tool messages, keeping which message each came from", () => {
    const { body, source } = toChatBody(
      parse({
        tools: [{ name: "get_weather", description: "Weather", input_schema: { type: "object", properties: { city: { type: "string" } } }, cache_control: { type: "ephemeral" } }],
        tool_choice: { type: "any" },
        messages: [
          { role: "user", content: "Weather in Paris and Rome?" },
          {
            role: "assistant",
            content: [
              { type: "thinking", thinking: "…", signature: "s" },
              { type: "text", text: "Checking." },
              { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
              { type: "tool_use", id: "toolu_2", name: "get_weather", input: { city: "Rome" } },
            ],
          },
          {
            role: "user",
            content: [
              { type: "tool_result", tool_use_id: "toolu_1", content: "18 °C" },
              { type: "tool_result", tool_use_id: "toolu_2", content: [{ type: "text", text: "no data" }], is_error: true },
              { type: "text", text: "And tomorrow?" },
            ],
          },
        ],
      }),
    );
    expect(body.messages).toEqual([
      { role: "user", content: "Weather in Paris and Rome?" },
      {
        role: "assistant",
        content: "Checking.",
        toolCalls: [
          { id: "toolu_1", name: "get_weather", arguments: '{"city":"Paris"}' },
          { id: "toolu_2", name: "get_weather", arguments: '{"city":"Rome"}' },
        ],
      },
      { role: "tool", content: "18 °C", toolCallId: "toolu_1" },
      { role: "tool", content: "Error: no data", toolCallId: "toolu_2" },
      { role: "user", content: "And tomorrow?" },
    ]);
    expect(source).toEqual([0, 1, 2, 2, 2]);
    expect(body.options).toEqual({
      tools: [{ name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } } }],
      toolChoice: "required",
    });
    expect(toChatBody(parse({ messages: [], tools: [], tool_choice: { type: "none" } })).body.options).toEqual({ toolChoice: "none" });
  });

  it("refuses disable_parallel_tool_use and image blocks with a 400 naming the field", () => {
    const refusal = (body: Record<string, unknown>) => {
      try {
        toChatBody(parse(body));
      } catch (error) {
        return (error as AppError).fields?.[0];
      }
    };
    expect(refusal({ messages: [], tools: [{ name: "f", input_schema: {} }], tool_choice: { type: "auto", disable_parallel_tool_use: true } })?.field).toBe("tool_choice.disable_parallel_tool_use");
    expect(refusal({ messages: [{ role: "user", content: [{ type: "image", source: {} }] }] })?.field).toBe("messages.0.content.0.type");
  });

  it("requires max_tokens and keeps temperature within 0–1", () => {
    expect(AnthropicMessagesRequestSchema.safeParse({ model: "m", messages: [] }).error?.issues[0].path).toEqual(["max_tokens"]);
    expect(AnthropicMessagesRequestSchema.safeParse({ model: "m", max_tokens: 5, messages: [], temperature: 1.2 }).error?.issues[0].path).toEqual(["temperature"]);
  });
});

describe("field names in errors", () => {
  it("names our fields in the request's words, messages by the client's own index", () => {
    const source = [0, 1, 2, 2, 2];
    expect(anthropicParam("params.maxTokens", source)).toBe("max_tokens");
    expect(anthropicParam("params.stop.1", source)).toBe("stop_sequences.1");
    expect(anthropicParam("options.tools.0.parameters", source)).toBe("tools.0.input_schema");
    expect(anthropicParam("options.toolChoice", source)).toBe("tool_choice");
    expect(anthropicParam("messages.3.toolCallId", source)).toBe("messages.2");
    expect(anthropicParam("systemMessage", source)).toBe("system");
    const error = new AppError(400, "invalid_request", "Invalid request: params.topP: Top P must be at most 1", [{ field: "params.topP", message: "Top P must be at most 1" }]);
    expect(inAnthropicWords(error).message).toBe("top_p: Top P must be at most 1");
    expect(inAnthropicWords(new AppError(429, "rate_limited", "Too many requests.", undefined, 9))).toMatchObject({ status: 429, message: "Too many requests.", retryAfter: 9 });
  });
});
