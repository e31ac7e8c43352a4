/**
 * An unexpected failure behind /api/access is answered in the playground's shape with a message
 * about the request at hand. (It used to inherit the share routes' "Share storage is unavailable".)
 */
import { afterAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/server/limits/access-keys", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/limits/access-keys")>()),
  matchAccessKey: () => {
    throw new Error("the key list could not be read");
  },
}));
afterAll(() => vi.restoreAllMocks());

describe("POST /api/access when something unexpected fails", () => {
  it("answers 503 unavailable without speaking of share storage, and logs no request data", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const { POST } = await import("./route");
    const response = await POST(new Request("http://app/api/access", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code: "secret-code-123" }) }));
    expect(response.status).toBe(503);
    const { error } = await response.json();
    expect(error.code).toBe("unavailable");
    expect(error.message).not.toMatch(/share/i);
    expect(error.message).toMatch(/could not be done right now/i);
    expect(errors.mock.calls.flat().join(" ")).not.toContain("secret-code-123");
  });
});
