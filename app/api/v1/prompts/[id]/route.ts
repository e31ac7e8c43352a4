/**
 * One prompt of the caller's library. GET: the prompt with all its versions, or with `?version=N`
 * or `?label=name` that one version. PATCH: name, description, labels, test set. DELETE: the prompt.
 * Another key's prompt is "not found" (404), as is a prompt that does not exist.
 */
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { guardAction, requireAllowedOrigin } from "@/lib/server/http/request-guards";
import { servedRoute } from "@/lib/server/http/served-api";
import { requireLibraryAccess } from "@/lib/server/limits/access-keys";
import { checkRequestRate, limitKey } from "@/lib/server/limits/usage-limits";
import { chosenVersion, libraryOwner, notFound, PATCH_PROMPT_BYTES, patchPrompt, PatchPromptBodySchema } from "@/lib/server/prompts/prompt-library";
import { getPromptRepository } from "@/lib/server/services";

type Context = { params: Promise<{ id: string }> };
const noStore = { headers: { "Cache-Control": "no-store" } };

async function owned(request: Request) {
  const accessKeyId = requireLibraryAccess(request);
  await checkRequestRate("count", limitKey(request, accessKeyId));
  return { repo: await getPromptRepository(), owner: libraryOwner(accessKeyId) };
}

async function read(request: Request, { params }: Context): Promise<Response> {
  const { repo, owner } = await owned(request);
  const prompt = await repo.get(owner, (await params).id);
  if (!prompt) throw notFound();
  const search = new URL(request.url).searchParams;
  if (!search.has("version") && !search.has("label")) return Response.json(prompt, noStore);
  const { id, name, description, labels } = prompt;
  return Response.json({ id, name, ...(description ? { description } : {}), labels, version: chosenVersion(prompt, search) }, noStore);
}

async function patch(request: Request, { params }: Context): Promise<Response> {
  guardAction(request);
  const { repo, owner } = await owned(request);
  const body = await readJsonBody(request, PatchPromptBodySchema, PATCH_PROMPT_BYTES);
  return Response.json(await patchPrompt(repo, owner, (await params).id, body), noStore);
}

async function remove(request: Request, { params }: Context): Promise<Response> {
  // No body to be JSON; another site's page cannot send a DELETE without a CORS preflight anyway.
  requireAllowedOrigin(request);
  const { repo, owner } = await owned(request);
  const id = (await params).id;
  if (!(await repo.remove(owner, id))) throw notFound();
  return Response.json({ id, deleted: true }, noStore);
}

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = servedRoute({ GET: read, PATCH: patch, DELETE: remove });
