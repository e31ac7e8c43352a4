/** The rest of the seed page, in our own words: specifications, features, uses, FAQ, endpoints, related models. */
import { MODEL, MODELSLAB_BASE_URL } from "./facts";

export const SPECIFICATIONS: [label: string, value: string][] = [
  ["Model ID", MODEL.id],
  ["Category", "LLM Models"],
  ["Task", "Text Generation"],
  ["Price", `$${MODEL.inputPricePerMillion.toFixed(2)} per million tokens, input and output`],
  ["Added", MODEL.added],
  ["Context window", `${MODEL.contextWindow.toLocaleString("en-US")} tokens`],
];

export const ABOUT =
  "Mixtral 8x7B Instruct is Mistral AI's instruction-tuned sparse mixture-of-experts model. Each layer holds 8 feed-forward experts (about 47 billion parameters in all), and a router sends every token through 2 of them, so a token costs roughly what a 13-billion-parameter dense model costs while drawing on the knowledge of a far larger one. It follows instructions, holds multi-turn conversations and writes code in several languages.";

export const KEY_FEATURES = [
  "Multi-turn chat completions with system prompts and roles",
  "Token-by-token streaming",
  "Function calling and tool use",
  "JSON mode for structured output",
  "OpenAI- and Anthropic-compatible endpoints",
];

export const USE_CASES = [
  "Chatbots and virtual assistants",
  "Code generation and developer tools",
  "Content writing and copy automation",
  "Summarising, analysing and extracting data",
];

export const API_ENDPOINTS: { label: string; method: string; url: string }[] = [
  { label: "Chat completions (OpenAI-compatible)", method: "POST", url: `${MODELSLAB_BASE_URL}/chat/completions` },
  { label: "Messages (Anthropic-compatible)", method: "POST", url: `${MODELSLAB_BASE_URL}/v1/messages` },
  { label: "Count tokens", method: "POST", url: `${MODELSLAB_BASE_URL}/v1/messages/count_tokens` },
  { label: "Models", method: "GET", url: `${MODELSLAB_BASE_URL}/v1/models` },
];

export const FAQ: { question: string; answer: string }[] = [
  {
    question: "What is Mixtral 8x7B Instruct?",
    answer: "A sparse mixture-of-experts chat model from Mistral AI: 8 experts per layer, 2 active per token, tuned to follow instructions.",
  },
  {
    question: "How do I call it from my code?",
    answer: `Get an API key from ModelsLab and send a chat request with the model ID "${MODEL.id}" to either endpoint above. "View code" in the playground writes the request for you, with your conversation and settings, in cURL, Python, JavaScript or PHP.`,
  },
  {
    question: "What does it cost?",
    answer: `$${MODEL.inputPricePerMillion.toFixed(2)} per million tokens for input and for output, pay as you go with no minimum. The playground shows each reply's tokens and cost.`,
  },
  {
    question: "What is its model ID?",
    answer: `"${MODEL.id}". Use it as "model" in your requests.`,
  },
  {
    question: "Is there a free tier?",
    answer: "ModelsLab offers free credits to try its models. This playground also runs offline on a local engine, with no key at all.",
  },
];

/** From the seed page's "Related Models". */
export const RELATED_MODELS: { name: string; provider: string; url: string }[] = [
  { name: "Qwen2.5 14B", provider: "Together AI", url: "https://modelslab.com/models/together_ai/Qwen-Qwen2.5-14B" },
  { name: "Meta Llama 3.1 8B Instruct AWQ INT4", provider: "Together AI", url: "https://modelslab.com/models/together_ai/togethercomputer-meta-llama-3.1-8B-Instruct-AWQ-INT4" },
  { name: "Qwen2.5 7B Instruct", provider: "Together AI", url: "https://modelslab.com/models/together_ai/Qwen-Qwen2.5-7B-Instruct" },
  { name: "Gemma-2 Instruct (27B)", provider: "Together AI", url: "https://modelslab.com/models/together_ai/google-gemma-2-27b-it" },
  { name: "Meta: Llama 4 Maverick", provider: "Open Router", url: "https://modelslab.com/models/open_router/meta-llama-llama-4-maverick" },
  { name: "R1 1776", provider: "ModelsLab", url: "https://modelslab.com/models/perplexity_ai/perplexity-ai-r1-1776" },
  { name: "AionLabs: Aion-RP 1.0 (8B)", provider: "Open Router", url: "https://modelslab.com/models/open_router/aion-labs-aion-rp-llama-3.1-8b" },
  { name: "GLM 4.7 FP8", provider: "Together AI", url: "https://modelslab.com/models/together_ai/zai-org-GLM-4.7" },
];
