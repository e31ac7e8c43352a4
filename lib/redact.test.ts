import { describe, expect, it } from "vitest";
import { createRedactor } from "./redact";

describe("createRedactor", () => {
  it("removes each secret, also URL-encoded and JSON-escaped", () => {
    const redact = createRedactor(["sk-canary/3f9d+0c7e", undefined, "abc"]);
    expect(redact("Invalid API key sk-canary/3f9d+0c7e")).toBe("Invalid API key [redacted]");
    expect(redact("key=sk-canary%2F3f9d%2B0c7e&x=1")).toBe("key=[redacted]&x=1");
    expect(redact('{"key":"sk-canary\\/3f9d+0c7e"}'.replace("\\/", "/"))).toBe('{"key":"[redacted]"}');
    // Too short to be a key: left alone rather than redacting ordinary words.
    expect(redact("abc")).toBe("abc");
  });
});
