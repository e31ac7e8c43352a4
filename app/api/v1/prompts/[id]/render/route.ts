/**
 * POST {variables}: a version of a prompt (the newest, or `?version=N`, or `?label=name`) filled and
 * written as a body ready for POST /api/v1/chat/completions, or for /api/v1/messages with
 * `?dialect=anthropic`. A variable with neither a value nor a default is a 400 naming it.
 */
import { getProvider } from "@/lib/providers/registry";
import { invalidRequest } from "@/lib/errors";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { guardAction } from "@/lib/server/http/request-guards";
import { servedRoute } from "@/lib/server/http/served-api";
import { requireLibraryAccess } from "@/lib/server/limits/access-keys";
import { checkRequestRate, limitKey } from "@/lib/server/limits/usage-limits";
import { chosenVersion, libraryOwner, notFound, renderVersion, RenderBodySchema } from "@/lib/server/prompts/prompt-library";
import { getPromptRepository } from "@/lib/server/services";

type Context = { params: Promise<{ id: string }> };

async function render(request: Request, { params }: Context): Promise<Response> {
  guardAction(request);
  const accessKeyId = requireLibraryAccess(request);
  await checkRequestRate("count", limitKey(request, accessKeyId));
  const search = new URL(request.url).searchParams;
  const dialect = search.get("dialect") ?? "openai";
  if (dialect !== "openai" && dialect !== "anthropic") throw invalidRequest([{ field: "dialect", message: 'must be "openai" or "anthropic"' }]);
  const { variables } = await readJsonBody(request, RenderBodySchema, 1_000_000);
  const prompt = await (await getPromptRepository()).get(libraryOwner(accessKeyId), (await params).id);
  if (!prompt) throw notFound();
  const body = renderVersion(chosenVersion(prompt, search), variables, dialect, getProvider().info.model);
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
}

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = servedRoute({ POST: render });
