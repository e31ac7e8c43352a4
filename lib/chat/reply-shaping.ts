/**
 * What of a request's options shaped its reply besides the messages and the settings: the JSON
 * form asked for (JSON mode or a schema: the embedded engine samples under a grammar then) and the
 * functions offered (their instructions are part of what the model reads). A reply keeps both, its
 * signature covers both, a share keeps both, and Reproduce sends them again: without them the
 * request sent again would be another one. Browser-safe.
 */
import type { RequestOptions } from "./request";

/** The JSON form a reply was asked for; absent: text. */
export type ReplyFormat = Exclude<NonNullable<RequestOptions["responseFormat"]>, { type: "text" }>;
/** The functions offered with a reply's request, and the choice among them. */
export type OfferedTools = { tools: NonNullable<RequestOptions["tools"]> } & Pick<RequestOptions, "toolChoice">;

export interface ReplyShaping {
  format?: ReplyFormat;
  offeredTools?: OfferedTools;
}

/** The shaping of a reply requested with `options`: only what is there (a text reply with no functions has none). */
export function replyShaping(options: RequestOptions | undefined): ReplyShaping {
  const format = options?.responseFormat?.type === "text" ? undefined : options?.responseFormat;
  // A tool choice without functions changes nothing the model reads.
  const offeredTools = options?.tools?.length ? { tools: options.tools, ...(options.toolChoice ? { toolChoice: options.toolChoice } : {}) } : undefined;
  return { ...(format ? { format } : {}), ...(offeredTools ? { offeredTools } : {}) };
}

/** The request options that ask for a reply shaped as `shaping` was. */
export function shapingOptions({ format, offeredTools }: ReplyShaping): RequestOptions {
  return { ...(format ? { responseFormat: format } : {}), ...(offeredTools?.tools.length ? offeredTools : {}) };
}
