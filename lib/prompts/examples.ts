/** The model page's four starter prompts as read-only example prompts of the library: the default settings, the starter as the user's turn. */
import { STARTER_PROMPTS } from "../model/facts";
import { DEFAULT_PARAMS, DEFAULT_SYSTEM_MESSAGE } from "../params";
import type { Prompt } from "./prompt";

export const EXAMPLE_PROMPTS: readonly Prompt[] = STARTER_PROMPTS.map((text, i) => ({
  id: `example_${i + 1}`,
  name: text,
  versions: [{ version: 1, createdAt: "2025-07-22T00:00:00.000Z", systemMessage: DEFAULT_SYSTEM_MESSAGE, messages: [{ role: "user", content: text }], params: { ...DEFAULT_PARAMS }, variables: [] }],
  labels: {},
}));
