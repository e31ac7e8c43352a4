/** What a revoked or expired share link shows; the proxy serves it with HTTP 410. */
import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "This link was removed", robots: { index: false } };

export default function ShareRemoved() {
  return (
    <main className="mx-auto max-w-xl space-y-3 px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">This link was removed</h1>
      <p className="text-muted">Its creator revoked this shared conversation, or it reached its expiry date. Its content is no longer available.</p>
      <Link href="/" className="btn-primary inline-flex">
        Go to the playground
      </Link>
    </main>
  );
}
