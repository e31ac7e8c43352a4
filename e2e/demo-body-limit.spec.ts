/**
 * Byte caps hold on a real `next start` for chunked uploads (no Content-Length): a body that never
 * ends is answered 413 once it passes the route's limit, instead of being read whole.
 */
import http from "node:http";
import { expect, test } from "@playwright/test";
import { startOwnServer } from "./support/own-server";

/** Streams 1 MB chunks until the server answers (or `maxMegabytes` are sent); resolves with the answer. */
function chunkedUpload(url: string, maxMegabytes: number, method = "DELETE", opening = '{"revokeToken":"'): Promise<{ status: number; body: string; sentMegabytes: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    const request = http.request(url, { method, headers: { "Content-Type": "application/json", "Transfer-Encoding": "chunked" } });
    const chunk = Buffer.alloc(1_000_000, 0x61);
    const pump = () => {
      while (sent < maxMegabytes && !request.destroyed) {
        sent++;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      request.end();
    };
    request.on("response", (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (piece: string) => (body += piece));
      response.on("end", () => {
        resolve({ status: response.statusCode ?? 0, body, sentMegabytes: sent });
        request.destroy();
      });
    });
    request.on("error", reject);
    request.write(opening);
    pump();
  });
}

test("a chunked DELETE body that never ends is refused with 413 long before it ends", async () => {
  test.setTimeout(120_000);
  const server = await startOwnServer(3104, {});
  try {
    // Several times: the answer must reach a client that is still sending, not a connection reset.
    for (let attempt = 0; attempt < 5; attempt++) {
      const answer = await chunkedUpload(`${server.url}/api/shares/AAAAAAAAAAAAAAAAAAAAAA`, 500);
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body).error.message).toBe("Request body is larger than 10 KB.");
      // The server refused it near 10 KB; the client is still far from its 500 MB.
      expect(answer.sentMegabytes).toBeLessThan(100);
    }
    expect((await fetch(`${server.url}/api/models`)).status).toBe(200);
  } finally {
    await server.stop();
  }
});

test("on the served API too: a chunked body that never ends is refused with 413 near its 2 MB cap, not read whole", async () => {
  test.setTimeout(120_000);
  const server = await startOwnServer(3112, {});
  try {
    for (const path of ["/api/v1/chat/completions", "/api/v1/messages"]) {
      const answer = await chunkedUpload(`${server.url}${path}`, 500, "POST", '{"messages":[{"role":"user","content":"');
      expect(answer.status, path).toBe(413);
      expect(JSON.stringify(JSON.parse(answer.body)), path).toContain("Request body is larger than 2 MB.");
      // Refused near 2 MB (a proxy in front made Next read 10 MB and keep reading to the end).
      expect(answer.sentMegabytes, path).toBeLessThan(60);
    }
  } finally {
    await server.stop();
  }
});
