/** View code's "This server" never shows the private upstream address the server talks to. */
import { beforeAll, describe, expect, it } from "vitest";

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
