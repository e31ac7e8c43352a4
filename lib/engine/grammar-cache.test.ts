import { describe, expect, it } from "vitest";
import { GrammarCache, type GrammarSchema } from "./grammar-cache";

/** A cache whose grammars are their schema's text, counting the builds. */
function counted(build: (schema: GrammarSchema) => Promise<string> = async (schema) => JSON.stringify(schema)) {
  const built: GrammarSchema[] = [];
  const cache = new GrammarCache<string>((schema) => {
    built.push(schema);
    return build(schema);
  });
  return { cache, built };
}

describe("GrammarCache", () => {
  it("builds a schema's grammar once and reuses it for an equal schema from another request", async () => {
    const { cache, built } = counted();
    const first = cache.get({ type: "object", properties: { a: { type: "string" } } });
    const second = cache.get({ type: "object", properties: { a: { type: "string" } } });
    expect(second).toBe(first);
    expect(await second).toBe('{"type":"object","properties":{"a":{"type":"string"}}}');
    expect(built).toHaveLength(1);
  });

  it("builds another grammar for another schema, and keeps the plain JSON grammar apart from schemas", async () => {
    const { cache, built } = counted();
    await cache.get({ type: "string" });
    await cache.get({ type: "number" });
    await cache.get("json");
    await cache.get("json");
    expect(built).toEqual([{ type: "string" }, { type: "number" }, "json"]);
  });

  it("forgets a grammar that failed to build, so the next request with its schema tries again", async () => {
    let fail = true;
    const { cache, built } = counted(async () => {
      if (fail) throw new Error("unsupported keyword");
      return "grammar";
    });
    await expect(cache.get({ type: "object" })).rejects.toThrow("unsupported keyword");
    fail = false;
    await expect(cache.get({ type: "object" })).resolves.toBe("grammar");
    expect(built).toHaveLength(2);
  });

  it("keeps at most 64 grammars, dropping the first built to make room", async () => {
    const { cache, built } = counted();
    for (let i = 0; i < 65; i++) await cache.get({ const: i });
    await cache.get({ const: 64 });
    await cache.get({ const: 1 });
    expect(built).toHaveLength(65);
    await cache.get({ const: 0 });
    expect(built).toHaveLength(66);
  });
});
