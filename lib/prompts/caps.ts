/** The limits of a prompt library and of a prompt file; free of zod, so the page can import them cheaply. */
export const PROMPT_FILE_CAPS = {
  bytes: 5_000_000,
  prompts: 1_000,
  versions: 200,
  labels: 20,
  variables: 100,
  choices: 50,
  name: 200,
  description: 2_000,
  note: 500,
} as const;

/** Where the prompt file's JSON Schema is served (app/schemas/prompt-file.schema.json). */
export const PROMPT_FILE_SCHEMA_PATH = "/schemas/prompt-file.schema.json";

export const PROMPT_FILE_FORMAT = "mixtral-playground.prompts";
export const PROMPT_FILE_VERSION = 1;
