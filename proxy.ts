/**
 * Share links that were revoked or expired answer HTTP 410 with the "removed" page. App Router
 * pages cannot set a 410 themselves, so the status is decided here, before the page renders.
 */
import { NextResponse, type NextRequest } from "next/server";
import { getShareService } from "@/lib/db";

export async function proxy(request: NextRequest) {
  const id = request.nextUrl.pathname.slice("/s/".length);
  const status = await (await getShareService()).status(id);
  if (status === "gone") return NextResponse.rewrite(new URL("/share-removed", request.url), { status: 410 });
  return NextResponse.next();
}

export const config = { matcher: "/s/:id" };
