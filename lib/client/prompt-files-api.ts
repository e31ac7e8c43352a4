/** The server's check of a prompt file (POST /api/prompt-files/read): its prompts, or every fault with its path. */
import type { Prompt } from "../prompts/prompt";

export type CheckedPromptFile = { ok: true; prompts: Prompt[] } | { ok: false; errors: string[] };

export async function checkPromptFile(text: string, signal?: AbortSignal): Promise<CheckedPromptFile> {
  let response: Response;
  try {
    response = await fetch("/api/prompt-files/read", { method: "POST", headers: { "Content-Type": "application/json" }, body: text, signal });
  } catch {
    return { ok: false, errors: ["Could not reach the playground server to check the file. Check your connection."] };
  }
  const json = (await response.json().catch(() => null)) as { prompts?: Prompt[]; error?: { message?: string; fields?: { field: string; message: string }[] } } | null;
  if (response.ok && json?.prompts) return { ok: true, prompts: json.prompts };
  const fields = json?.error?.fields;
  if (fields?.length) return { ok: false, errors: fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)) };
  return { ok: false, errors: [json?.error?.message ?? `The server answered HTTP ${response.status}.`] };
}
