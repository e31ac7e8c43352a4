/** Writing a prompt file needs no validation (the library holds only valid prompts): free of zod, for the page. */
import { PROMPT_FILE_FORMAT, PROMPT_FILE_VERSION } from "./caps";
import type { Prompt } from "./prompt";

/** A file holding `prompts`, ready to save; `schemaUrl` lets editors check it. */
export function writePromptFile(prompts: readonly Prompt[], schemaUrl?: string): string {
  const file = { ...(schemaUrl ? { $schema: schemaUrl } : {}), format: PROMPT_FILE_FORMAT, formatVersion: PROMPT_FILE_VERSION, prompts };
  return `${JSON.stringify(file, null, 2)}\n`;
}
