import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("server configuration", () => {
  it("refuses an upstream URL with credentials in it, without repeating them", () => {
    for (const name of ["MODELSLAB_BASE_URL", "OPENAI_BASE_URL"]) {
      let message = "";
      try {
        parseEnv({ [name]: "http://alice:hunter2-secret@127.0.0.1:3299/v1" });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain(`${name} must not contain credentials`);
      expect(message).not.toContain("hunter2-secret");
      expect(message).not.toContain("alice");
    }
  });

  it("refuses a base URL that is not http(s)", () => {
    expect(() => parseEnv({ OPENAI_BASE_URL: "file:///etc/passwd" })).toThrow(/OPENAI_BASE_URL must be an http or https URL/);
  });

  it("accepts plain upstream URLs", () => {
    expect(parseEnv({ OPENAI_BASE_URL: "http://127.0.0.1:11434/v1" }).OPENAI_BASE_URL).toBe("http://127.0.0.1:11434/v1");
  });

  it("reads CORS_ORIGINS as a set of origins, and refuses a wildcard, a path or a non-http scheme at start", () => {
    expect([...parseEnv({ CORS_ORIGINS: " https://a.example , http://localhost:5173/" }).corsOrigins]).toEqual(["https://a.example", "http://localhost:5173"]);
    expect(parseEnv({}).corsOrigins.size).toBe(0);
    for (const bad of ["*", "https://a.example/app", "a.example", "ftp://a.example"]) expect(() => parseEnv({ CORS_ORIGINS: bad }), bad).toThrow(/CORS_ORIGINS must list origins/);
  });
});
