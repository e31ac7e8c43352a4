/**
 * The caller's prompt library (its access key's; the open one when the app has no keys).
 * GET: the prompts, newest first (`?include=versions`: each with all its versions). POST: a new prompt (name, description, note and its content), or
 * a prompt file (*.prompt.json) to import with the library's merge rules. docs/prompt-library.md.
 */
import { z } from "zod";
import { PROMPT_FILE_CAPS, PromptFileSchema } from "@/lib/prompts/prompt-file";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { guardAction } from "@/lib/server/http/request-guards";
import { servedRoute } from "@/lib/server/http/served-api";
import { requireLibraryAccess } from "@/lib/server/limits/access-keys";
import { checkRequestRate, limitKey } from "@/lib/server/limits/usage-limits";
import { createPrompt, CreatePromptBodySchema, importPrompts, libraryOwner } from "@/lib/server/prompts/prompt-library";
import { getPromptRepository } from "@/lib/server/services";
import type { Prompt } from "@/lib/prompts/prompt";

async function list(request: Request): Promise<Response> {
  const accessKeyId = requireLibraryAccess(request);
  await checkRequestRate("count", limitKey(request, accessKeyId));
  const repo = await getPromptRepository();
  const owner = libraryOwner(accessKeyId);
  // ?include=versions: each prompt whole, with its versions (the page's library view).
  const withVersions = new URL(request.url).searchParams.get("include") === "versions";
  const data = withVersions ? await repo.listWhole(owner) : await repo.list(owner);
  return Response.json({ object: "list", data }, { headers: { "Cache-Control": "no-store" } });
}

async function create(request: Request): Promise<Response> {
  guardAction(request);
  const accessKeyId = requireLibraryAccess(request);
  await checkRequestRate("count", limitKey(request, accessKeyId));
  const body = await readJsonBody(request, z.union([PromptFileSchema, CreatePromptBodySchema]), PROMPT_FILE_CAPS.bytes);
  const repo = await getPromptRepository();
  const owner = libraryOwner(accessKeyId);
  if ("format" in body) {
    const imported = await importPrompts(repo, owner, body.prompts as Prompt[]);
    return Response.json({ imported }, { headers: { "Cache-Control": "no-store" } });
  }
  return Response.json(await createPrompt(repo, owner, body), { status: 201, headers: { "Cache-Control": "no-store" } });
}

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = servedRoute({ GET: list, POST: create });
