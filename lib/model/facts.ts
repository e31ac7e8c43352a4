/** Facts about the model, from its ModelsLab page. */
export const MODEL = {
  title: "Mistral: Mixtral 8x7B Instruct",
  provider: "mistralai",
  id: "mistralai-mixtral-8x7b-instruct",
  inputPricePerMillion: 0.54,
  outputPricePerMillion: 0.54,
  contextWindow: 32_768,
  added: "July 22, 2025",
} as const;

/** ModelsLab's v7 LLM API: OpenAI-compatible `/chat/completions`, Anthropic-compatible `/v1/...`. */
export const MODELSLAB_BASE_URL = "https://modelslab.com/api/v7/llm";

export const STARTER_PROMPTS = [
  "Explain quantum computing in simple terms",
  "Write a Python function to sort a list",
  "Create a marketing email for a SaaS product",
  "Compare REST vs GraphQL APIs",
] as const;
