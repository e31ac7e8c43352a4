import { describe, expect, it } from "vitest";
import { checkJsonReply, readablePath } from "./check-reply";

const person = {
  type: "object",
  required: ["name", "age", "tags"],
  properties: {
    name: { type: "string", maxLength: 10 },
    age: { type: "integer", minimum: 0 },
    tags: { type: "array", items: { enum: ["a", "b"] } },
  },
  additionalProperties: false,
};

describe("checkJsonReply", () => {
  it("says whether a reply is JSON at all, with the parser's reason", () => {
    expect(checkJsonReply('{"a": 1}')).toEqual({ kind: "json", value: { a: 1 } });
    const broken = checkJsonReply('{"a": 1,}');
    expect(broken.kind).toBe("not-json");
    expect(broken.kind === "not-json" && broken.reason).toMatch(/JSON/);
    expect(checkJsonReply("Sure! Here it is.").kind).toBe("not-json");
  });

  it("accepts JSON wrapped in one ```json fence, and nothing around it", () => {
    expect(checkJsonReply('```json\n{"a": [1, 2]}\n```')).toEqual({ kind: "json", value: { a: [1, 2] } });
    expect(checkJsonReply('Here:\n```json\n{"a": 1}\n```').kind).toBe("not-json");
  });

  it("validates against a schema", () => {
    expect(checkJsonReply('{"name": "Ada", "age": 36, "tags": ["a"]}', person)).toMatchObject({ kind: "matches-schema" });
  });

  it("names the first violation by path and reason", () => {
    expect(checkJsonReply('{"name": "Ada", "age": 36}', person)).toMatchObject({ kind: "violates-schema", path: "$", reason: expect.stringMatching(/tags/) });
    expect(checkJsonReply('{"name": "Ada", "age": -1, "tags": []}', person)).toMatchObject({ kind: "violates-schema", path: "$.age", reason: expect.stringMatching(/0/) });
    expect(checkJsonReply('{"name": "Ada", "age": 1, "tags": ["a", "z"]}', person)).toMatchObject({ kind: "violates-schema", path: "$.tags[1]" });
    expect(checkJsonReply('{"name": "Adalovelace!", "age": 1, "tags": []}', person)).toMatchObject({ kind: "violates-schema", path: "$.name", reason: expect.stringMatching(/10/) });
    expect(checkJsonReply('{"name": "Ada", "age": 1, "tags": [], "x": 1}', person)).toMatchObject({ kind: "violates-schema" });
  });

  it("reports a schema it cannot use instead of failing", () => {
    expect(checkJsonReply("{}", { type: 12 } as unknown as Record<string, unknown>).kind).toMatch(/bad-schema|violates-schema/);
  });
});

describe("readablePath", () => {
  it("turns JSON pointers into $-paths", () => {
    expect(readablePath("#")).toBe("$");
    expect(readablePath("#/a/0/b")).toBe("$.a[0].b");
    expect(readablePath("#/odd key/a~1b")).toBe('$["odd key"]["a/b"]');
  });
});
