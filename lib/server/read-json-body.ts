import "server-only";
import type { z } from "zod";
import { AppError, invalidRequest } from "../errors";

/** Reads a JSON body and validates it; throws AppError 413/400 naming every bad field. */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S, maxBytes: number): Promise<z.infer<S>> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  const tooLarge = () => new AppError(413, "too_large", `Request body is larger than ${Math.round(maxBytes / 1_000_000)} MB.`);
  if (declared > maxBytes) throw tooLarge();
  const text = await request.text();
  if (text.length > maxBytes) throw tooLarge();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidRequest([{ field: "", message: "body is not valid JSON" }]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw invalidRequest(parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })));
  }
  return parsed.data;
}
