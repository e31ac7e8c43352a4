/**
 * POST a prompt file (*.prompt.json) as the body: its prompts, checked all-or-nothing, or a 400
 * whose fields name every fault by its path. The browser's library imports what this returns; the
 * check runs here so the page ships no validation code for it (lib/prompts/prompt-file.ts).
 */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { PROMPT_FILE_CAPS } from "@/lib/prompts/caps";
import { parsePromptFile } from "@/lib/prompts/prompt-file";
import { playgroundRoute } from "@/lib/server/http/error-response";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { guardAction } from "@/lib/server/http/request-guards";
import { requirePlaygroundAccess } from "@/lib/server/limits/access-keys";
import { checkRequestRate, limitKey } from "@/lib/server/limits/usage-limits";

export const POST = playgroundRoute(async (request: Request) => {
  guardAction(request);
  await checkRequestRate("count", limitKey(request, requirePlaygroundAccess(request)));
  const json = await readJsonBody(request, z.unknown(), PROMPT_FILE_CAPS.bytes);
  const read = parsePromptFile(json);
  if (!read.ok) {
    const fields = read.errors.map((error) => {
      const at = /^([\w$[\].-]+): (.*)$/.exec(error);
      return at ? { field: at[1], message: at[2] } : { field: "", message: error };
    });
    throw new AppError(400, "invalid_prompt_file", `This is not a prompt file this playground can read: ${read.errors[0]}${read.errors.length > 1 ? ` (and ${read.errors.length - 1} more)` : ""}`, fields);
  }
  return Response.json({ prompts: read.prompts }, { headers: { "Cache-Control": "no-store" } });
});

// Other methods: a JSON 405 with Allow (lib/server/http/method-not-allowed.ts).
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
