/** Which address a rate limit counts: never one the client wrote itself, unless a trusted proxy vouches for it. */
import { describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER } from "./peer-address-header";
import { clientKey } from "./client-address";

const request = (headers: Record<string, string>) => new Request("http://x/api/shares", { method: "POST", headers });

describe("clientKey", () => {
  it("ignores X-Forwarded-For and X-Real-IP from a client that talks to the app directly", () => {
    const keys = new Set(
      Array.from({ length: 25 }, (_, i) =>
        clientKey(request({ [PEER_ADDRESS_HEADER]: "192.0.2.7", "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": `203.0.113.${i}` }), 0),
      ),
    );
    expect([...keys]).toEqual(["192.0.2.7"]);
  });

  it("takes the address the outermost trusted proxy saw, counting the socket peer as the nearest", () => {
    const headers = { [PEER_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": "6.6.6.6, 198.51.100.9, 10.0.0.1" };
    expect(clientKey(request(headers), 1)).toBe("10.0.0.1");
    expect(clientKey(request(headers), 2)).toBe("198.51.100.9");
    // A forged entry left of what the proxies appended changes nothing.
    expect(clientKey(request({ ...headers, "x-forwarded-for": `1.1.1.1, ${headers["x-forwarded-for"]}` }), 2)).toBe("198.51.100.9");
  });

  it("takes the leftmost entry when a request passed fewer proxies than trusted", () => {
    expect(clientKey(request({ [PEER_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": "198.51.100.9" }), 3)).toBe("198.51.100.9");
    expect(clientKey(request({ [PEER_ADDRESS_HEADER]: "198.51.100.9" }), 1)).toBe("198.51.100.9");
  });

  it("treats an IPv4 client on a dual-stack socket as the same client", () => {
    expect(clientKey(request({ [PEER_ADDRESS_HEADER]: "::ffff:192.0.2.7" }), 0)).toBe("192.0.2.7");
  });

  it("puts every request without the server's peer stamp under one key instead of trusting headers", () => {
    expect(clientKey(request({ "x-forwarded-for": "198.51.100.1" }), 0)).toBe("unknown");
    expect(clientKey(request({ "x-forwarded-for": "198.51.100.2" }), 1)).toBe("unknown");
  });
});
