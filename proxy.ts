/**
 * Runs before every page (not the API: see the matcher): lib/server/pages/answer-page.ts gives
 * each page its CSP nonce and answers share links, from the share-page cache or with a 410.
 *
 * API routes stay out: a proxy makes Next buffer each request body before the route runs. The
 * served API's own headers come from its routes (lib/server/http/served-api.ts).
 */
import type { NextRequest } from "next/server";
import { answerPage } from "@/lib/server/pages/answer-page";

export function proxy(request: NextRequest) {
  return answerPage(request);
}

export const config = {
  // Pages only (build assets and icons need no nonce). No API route: with a proxy in front, Next
  // reads and buffers the whole request body (up to 10 MB) before the route, whatever its own cap.
  matcher: [{ source: "/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)" }],
};
