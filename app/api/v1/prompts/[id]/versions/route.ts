/** A prompt's versions. GET: their numbers, dates and notes, oldest first. POST: a new version (its content and note). */
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { guardAction } from "@/lib/server/http/request-guards";
import { servedRoute } from "@/lib/server/http/served-api";
import { requireLibraryAccess } from "@/lib/server/limits/access-keys";
import { checkRequestRate, limitKey } from "@/lib/server/limits/usage-limits";
import { PROMPT_FILE_CAPS } from "@/lib/prompts/caps";
import { addPromptVersion, libraryOwner, NewVersionBodySchema, notFound } from "@/lib/server/prompts/prompt-library";
import { getPromptRepository } from "@/lib/server/services";

type Context = { params: Promise<{ id: string }> };

async function list(request: Request, { params }: Context): Promise<Response> {
  const accessKeyId = requireLibraryAccess(request);
  await checkRequestRate("count", limitKey(request, accessKeyId));
  const prompt = await (await getPromptRepository()).get(libraryOwner(accessKeyId), (await params).id);
  if (!prompt) throw notFound();
  const data = prompt.versions.map(({ version, createdAt, note }) => ({ version, createdAt, ...(note ? { note } : {}), labels: Object.keys(prompt.labels).filter((l) => prompt.labels[l] === version) }));
  return Response.json({ object: "list", data }, { headers: { "Cache-Control": "no-store" } });
}

async function add(request: Request, { params }: Context): Promise<Response> {
  guardAction(request);
  const accessKeyId = requireLibraryAccess(request);
  await checkRequestRate("count", limitKey(request, accessKeyId));
  const body = await readJsonBody(request, NewVersionBodySchema, PROMPT_FILE_CAPS.bytes);
  const prompt = await addPromptVersion(await getPromptRepository(), libraryOwner(accessKeyId), (await params).id, body);
  return Response.json(prompt, { status: 201, headers: { "Cache-Control": "no-store" } });
}

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = servedRoute({ GET: list, POST: add });
