/**
 * Share links that were revoked or expired answer HTTP 410 with the "removed" page. App Router
 * pages cannot set a 410 themselves, so the status is decided here, before the page renders.
 */
import { NextResponse, type NextRequest } from "next/server";
import { getShareService } from "@/lib/db";
import { REMOVED_PAGE_HTML } from "@/lib/shares/removed-page";

export async function proxy(request: NextRequest) {
  const id = request.nextUrl.pathname.slice("/s/".length);
  // Storage down: let the page render its own readable error.
  const status = await getShareService()
    .then((shares) => shares.status(id))
    .catch(() => "unknown");
  if (status !== "gone") return NextResponse.next();
  return new NextResponse(REMOVED_PAGE_HTML, {
    status: 410,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export const config = { matcher: "/s/:id" };
