import Link from "next/link";

export default function ShareNotFound() {
  return (
    <main className="mx-auto max-w-xl space-y-3 px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">No shared conversation here</h1>
      <p className="text-muted">This link does not match any shared conversation. Check that it was copied whole.</p>
      <Link href="/" className="btn-primary inline-flex">
        Go to the playground
      </Link>
    </main>
  );
}
