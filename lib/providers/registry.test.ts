import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { providerFromEnv } from "./registry";

const provider = (env: Record<string, string>) => providerFromEnv(parseEnv(env));

describe("provider selection from the environment", () => {
  it("ANTHROPIC_BASE_URL selects the Anthropic-compatible provider, with the Messages API's capabilities", () => {
    const { info, countPromptTokens } = provider({ ANTHROPIC_BASE_URL: "http://127.0.0.1:3198", ANTHROPIC_API_KEY: "sk-ant-123456" });
    expect(info).toMatchObject({ kind: "anthropic-compatible", label: "Anthropic-compatible server (127.0.0.1:3198)", model: "mistralai-mixtral-8x7b-instruct" });
    expect(info.capabilities).toMatchObject({ seed: false, stop: true, tools: true, jsonMode: false, jsonSchema: false, logprobs: false });
    // Mixtral is counted with its exact local tokenizer.
    expect(countPromptTokens).toBeUndefined();
    expect(provider({ ANTHROPIC_BASE_URL: "http://127.0.0.1:3198", ANTHROPIC_MODEL: "claude-x" }).countPromptTokens).toBeTypeOf("function");
  });

  it("keeps the order ModelsLab key, OpenAI base URL, Anthropic base URL", () => {
    const all = { MODELSLAB_API_KEY: "ml-key-123456", OPENAI_BASE_URL: "http://127.0.0.1:11434/v1", ANTHROPIC_BASE_URL: "http://127.0.0.1:3198" };
    expect(provider(all).info.kind).toBe("modelslab");
    expect(provider({ ...all, MODELSLAB_API_KEY: "" }).info.kind).toBe("openai-compatible");
    expect(provider({ ...all, MODELSLAB_API_KEY: "", OPENAI_BASE_URL: "" }).info.kind).toBe("anthropic-compatible");
  });

  it("MODELSLAB_DIALECT=anthropic keeps ModelsLab with the Messages API's capabilities; a wrong value is refused", () => {
    const openai = provider({ MODELSLAB_API_KEY: "ml-key-123456" });
    const anthropic = provider({ MODELSLAB_API_KEY: "ml-key-123456", MODELSLAB_DIALECT: "Anthropic" });
    expect(openai.info.capabilities).toMatchObject({ seed: true, jsonMode: true });
    expect(anthropic.info).toMatchObject({ kind: "modelslab", label: "ModelsLab" });
    expect(anthropic.info.capabilities).toMatchObject({ seed: false, jsonMode: false, tools: true, stop: true, concurrentStreams: 5 });
    expect(provider({ MODELSLAB_API_KEY: "ml-key-123456", MODELSLAB_DIALECT: "" }).info.capabilities.seed).toBe(true);
    expect(() => parseEnv({ MODELSLAB_DIALECT: "gemini" })).toThrow(/MODELSLAB_DIALECT must be "openai" or "anthropic"/);
  });

  it("refuses an ANTHROPIC_BASE_URL with credentials in it, without repeating them", () => {
    expect(() => parseEnv({ ANTHROPIC_BASE_URL: "https://bob:s3cret-pass@gw.example" })).toThrow(/ANTHROPIC_BASE_URL must not contain credentials/);
    expect(() => parseEnv({ ANTHROPIC_BASE_URL: "https://bob:s3cret-pass@gw.example" })).not.toThrow(/s3cret-pass/);
  });
});
