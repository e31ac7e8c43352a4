/**
 * Runs before every page. It gives each page a fresh CSP nonce, and answers share links that
 * were revoked or expired with HTTP 410 and the "removed" page (App Router pages cannot set a
 * 410 themselves, so the status is decided here, before the page renders).
 */
import { NextResponse, type NextRequest } from "next/server";
import { getShareService } from "@/lib/db";
import { contentSecurityPolicy, newNonce } from "@/lib/server/content-security-policy";
import { REMOVED_PAGE_HTML } from "@/lib/shares/removed-page";

export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce);
  if (request.nextUrl.pathname.startsWith("/s/") && (await shareStatus(request.nextUrl.pathname.slice("/s/".length))) === "gone") {
    return new NextResponse(REMOVED_PAGE_HTML, {
      status: 410,
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Content-Security-Policy": policy },
    });
  }
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

/** Storage down: "unknown", and the page renders its own readable error. */
function shareStatus(id: string) {
  return getShareService()
    .then((shares) => shares.status(id))
    .catch(() => "unknown");
}

export const config = {
  // Pages only: API routes, build assets and icons need no nonce.
  matcher: [{ source: "/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)" }],
};
