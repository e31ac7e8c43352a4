import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { guardAction } from "./request-guards";

const post = (headers: Record<string, string>) => new Request("http://127.0.0.1:3000/api/chat", { method: "POST", headers: { host: "127.0.0.1:3000", ...headers }, body: "{}" });
const statusOf = (request: Request) => {
  try {
    guardAction(request);
    return 200;
  } catch (error) {
    return (error as AppError).status;
  }
};
const json = { "content-type": "application/json" };

describe("guardAction", () => {
  it("refuses what a cross-site form or simple fetch can send: text/plain, form-encoded, multipart, no type", () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      expect(statusOf(post({ "content-type": type }))).toBe(415);
    }
    expect(statusOf(new Request("http://127.0.0.1:3000/api/chat", { method: "POST", body: new Uint8Array([123, 125]) }))).toBe(415);
  });

  it("refuses another site's page, even with JSON", () => {
    expect(statusOf(post({ ...json, origin: "https://evil.example", "sec-fetch-site": "cross-site" }))).toBe(403);
    expect(statusOf(post({ ...json, origin: "null" }))).toBe(403);
    expect(statusOf(post({ ...json, "sec-fetch-site": "cross-site" }))).toBe(403);
  });

  it("accepts its own pages, and clients that are not browsers", () => {
    expect(statusOf(post({ ...json, origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }))).toBe(200);
    expect(statusOf(post({ ...json, "content-type": "application/json; charset=utf-8" }))).toBe(200);
  });
});
