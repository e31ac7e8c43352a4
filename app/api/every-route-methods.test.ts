/**
 * Next answers a method a route does not export with an empty 405 (no JSON, no Allow). Every API
 * route therefore exports the other methods from lib/server/http/method-not-allowed.ts; this keeps
 * new routes from forgetting it.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? routeFiles(full) : entry.name === "route.ts" ? [full] : [];
  });
}

/** The HTTP methods a route module exports, read from its source (`export async function GET`, `export const { PUT, … } =`, `export { x as GET }`). */
function exportedMethods(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/^export (?:async )?(?:function|const) ([A-Z]+)\b/gm)) names.add(m[1]);
  for (const m of source.matchAll(/^export (?:const )?\{([^}]*)\}/gm)) for (const part of m[1].split(",")) names.add(part.trim().split(/\s+as\s+/).at(-1)!);
  return METHODS.filter((method) => names.has(method));
}

describe("API routes", () => {
  const files = routeFiles(path.join(process.cwd(), "app/api"));

  it.each(files.map((f) => [path.relative(process.cwd(), f), f]))("%s answers every method itself (JSON 405 with Allow for the ones it does not take)", (_, file) => {
    expect(exportedMethods(fs.readFileSync(file, "utf8"))).toEqual(METHODS);
  });

  // The served API's headers (x-request-id, CORS) and preflights come from servedRoute, not a proxy.
  const served = files.filter((f) => path.relative(process.cwd(), f).startsWith(path.join("app", "api", "v1")));
  it.each(served.map((f) => [path.relative(process.cwd(), f), f]))("%s exports every method through servedRoute", (_, file) => {
    const source = fs.readFileSync(file, "utf8");
    expect(source).toMatch(/^export const \{ GET, POST, PUT, PATCH, DELETE, OPTIONS \} = servedRoute\(/m);
    expect(source).not.toMatch(/^export (async )?function [A-Z]+\b/m);
  });
});
