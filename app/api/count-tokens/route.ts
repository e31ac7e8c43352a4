/** POST: exact Mixtral token counts with the local tokenizer (the 32,000-piece Mistral v1 vocabulary). */
import { getProvider } from "@/lib/providers/registry";
import { readJsonBody } from "@/lib/server/read-json-body";
import { requirePlaygroundAccess } from "@/lib/server/access-keys";
import { guardAction } from "@/lib/server/request-guards";
import { checkRequestRate, limitKey } from "@/lib/server/usage-limits";
import { withAppErrors } from "@/lib/server/with-app-errors";
import { countPromptTokens, encodeText } from "@/lib/tokens/mistral-tokenizer";
import { CountTokensBodySchema } from "./schema";

export const POST = withAppErrors(async (request: Request) => {
  guardAction(request);
  await checkRequestRate("count", limitKey(request, requirePlaygroundAccess(request)));
  const body = await readJsonBody(request, CountTokensBodySchema, 4_000_000);
  const counted =
    "text" in body
      ? { tokens: encodeText(body.text).length }
      : { promptTokens: countPromptTokens(body.systemMessage, body.messages), contextWindow: getProvider().info.capabilities.contextWindow };
  return Response.json(counted, { headers: { "Cache-Control": "no-store" } });
}, "Could not count tokens right now.");
