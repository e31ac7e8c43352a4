/**
 * Every page's answer before Next renders it: a fresh CSP nonce for the page, and for share links
 * (/s/<id>) the status decided here, where it can be: a revoked or expired link is answered with
 * HTTP 410 and the "removed" page (App Router pages cannot set a 410 themselves).
 *
 * Live share pages are sent from the share-page cache (lib/shares/server/page-cache.ts): on a miss
 * the page is rendered once by asking this same server for it with a per-process secret header and
 * a placeholder nonce; that HTML is kept, and every reader gets a copy with its own fresh nonce.
 * Whether a link is live is still asked of the database on every request.
 */
import "server-only";
import http from "node:http";
import { NextResponse, type NextRequest } from "next/server";
import { cachedPage, forgetPage, isCached, noncePlaceholder, renderSecret, type CachedPage } from "../../shares/server/page-cache";
import { REMOVED_PAGE_HTML } from "../../shares/server/removed-page";
import { contentSecurityPolicy, newNonce } from "../http/content-security-policy";
import { LOCAL_ADDRESS_HEADER } from "../http/peer-address-header";
import { getShareService } from "../services";

const RENDER_HEADER = "x-playground-share-render";
/**
 * Long: on a machine this loaded a render is slow, and giving up on it would only make the reader's
 * request render the page a second time. This only guards against a render that never ends.
 */
const RENDER_TIMEOUT_MS = 60_000;
/** Headers of the rendered page that every cached copy repeats; the rest (date, length, CSP) are per response. */
const KEPT_HEADERS = new Set(["content-type", "cache-control", "vary", "link", "x-robots-tag"]);

/** The answer to a page request, from the proxy (proxy.ts). */
export async function answerPage(request: NextRequest): Promise<NextResponse> {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/s/")) {
    const id = pathname.slice("/s/".length);
    // The proxy's own render request: the page with the placeholder nonce, to be cached.
    if (request.headers.get(RENDER_HEADER) === renderSecret()) return page(request, noncePlaceholder());
    const liveness = await shareLiveness(id);
    if (liveness.status === "gone") {
      forgetPage(id);
      return new NextResponse(REMOVED_PAGE_HTML, {
        status: 410,
        headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Content-Security-Policy": contentSecurityPolicy(newNonce()) },
      });
    }
    // Not under `next dev`: an edited page must show at once, not after the cached copy ages out.
    if (liveness.status === "live" && process.env.NODE_ENV !== "development" && isDocumentRequest(request)) {
      const hit = isCached(id);
      const cached = await cachedPage(id, liveness.expiresAt, () => renderPage(request, id));
      if (cached) return fromCache(cached, hit);
    }
  }
  return page(request, newNonce());
}

/** Lets Next render the page, with `nonce` on its scripts and in the policy. */
function page(request: NextRequest, nonce: string) {
  const policy = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

function fromCache(cached: CachedPage, hit: boolean) {
  const nonce = newNonce();
  const headers = new Headers(cached.headers);
  headers.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  headers.set("X-Share-Page-Cache", hit ? "hit" : "miss");
  return new NextResponse(cached.html.replaceAll(noncePlaceholder(), nonce), { status: 200, headers });
}

/** A plain page load: not a client-side navigation (RSC payload), prefetch, server action or HEAD. */
function isDocumentRequest(request: NextRequest) {
  const h = request.headers;
  return request.method === "GET" && !request.nextUrl.search && !h.has("rsc") && !h.has("next-router-prefetch") && !h.has("next-action");
}

/** Renders /s/<id> by asking this server (the address the request came in on); null unless a 200 page. */
function renderPage(request: NextRequest, id: string): Promise<CachedPage | null> {
  const local = request.headers.get(LOCAL_ADDRESS_HEADER);
  if (!local) return Promise.resolve(null);
  return new Promise((resolve) => {
    const inner = http.get(
      `http://${local}/s/${encodeURIComponent(id)}`,
      { headers: { [RENDER_HEADER]: renderSecret(), accept: "text/html" }, timeout: RENDER_TIMEOUT_MS },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", () => resolve(null));
        response.on("end", () => {
          const html = Buffer.concat(chunks).toString("utf8");
          const ok = response.statusCode === 200 && !response.headers["set-cookie"] && !response.headers["content-encoding"] && html.includes(noncePlaceholder());
          if (!ok) return resolve(null);
          const headers: [string, string][] = [];
          for (const [name, value] of Object.entries(response.headers)) {
            if (KEPT_HEADERS.has(name) && value !== undefined) headers.push([name, Array.isArray(value) ? value.join(", ") : value]);
          }
          resolve({ html, headers });
        });
      },
    );
    inner.on("timeout", () => inner.destroy(new Error("render timed out")));
    inner.on("error", () => resolve(null));
  });
}

/** Storage down: "unknown", and the page renders its own readable error. */
function shareLiveness(id: string) {
  return getShareService()
    .then((shares) => shares.liveness(id))
    .catch(() => ({ status: "unknown" as const }));
}
