/** View code's "This server" never shows the private upstream address the server talks to. */
import { beforeAll, describe, expect, it, vi } from "vitest";

let thisServerTarget: typeof import("./server-targets").thisServerTarget;
beforeAll(async () => {
  for (const key of ["MODELSLAB_API_KEY", "PUBLIC_API_BASE_URL", "LOCAL_MODEL_PATH"]) delete process.env[key];
  Object.assign(process.env, { OPENAI_BASE_URL: "http://10.1.2.3:8000/v1", OPENAI_API_KEY: "sk-internal-4a1b2c3d", OPENAI_MODEL: "mixtral" });
  ({ thisServerTarget } = await import("./server-targets"));
});

describe("This server", () => {
  it("points at this app's own API, not the internal upstream, when no public address is configured", () => {
    const target = thisServerTarget();
    expect(target).toMatchObject({ baseUrl: "/api/v1", keyEnv: null, model: "mixtral" });
    expect(JSON.stringify(target)).not.toContain("10.1.2.3");
  });
});

describe("This server with access keys", () => {
  it("serves both dialects (OpenAI's at /api/v1, Anthropic's at /api) and has snippets read the access key from PLAYGROUND_API_KEY", async () => {
    process.env.ACCESS_KEYS = "server-targets-key-0001";
    try {
      // The environment is read once per module instance.
      vi.resetModules();
      const { thisServerTarget } = await import("./server-targets");
      expect(thisServerTarget()).toMatchObject({ baseUrl: "/api/v1", anthropicBaseUrl: "/api", keyEnv: "PLAYGROUND_API_KEY", dialects: ["openai", "anthropic"] });
      expect(JSON.stringify(thisServerTarget())).not.toContain("server-targets-key-0001");
    } finally {
      delete process.env.ACCESS_KEYS;
    }
  });
});
