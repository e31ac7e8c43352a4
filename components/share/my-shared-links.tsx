"use client";
import { useMutation } from "@tanstack/react-query";
import { useEffect } from "react";
import { revokeShare } from "@/lib/client/shares-api";
import { absoluteShareUrl } from "@/lib/shares/share-text";
import { useMySharesStore, type MySharedLink } from "@/lib/store/my-shares-store";
import { CopyButton } from "../ui/copy-button";

const formatDate = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The links this browser created; their revoke tokens live only here. */
export function MySharedLinks() {
  const links = useMySharesStore((s) => s.links);
  useEffect(() => {
    void useMySharesStore.persist.rehydrate();
  }, []);

  return (
    <section aria-labelledby="my-links-heading" className="mt-5 border-t border-line pt-3">
      <h3 id="my-links-heading" className="text-base font-semibold">
        My shared links
      </h3>
      {links.length === 0 ? (
        <p className="mt-1 text-sm text-muted">Links you create in this browser appear here, with a button to revoke them.</p>
      ) : (
        <ul className="mt-2 space-y-2" aria-label="My shared links">
          {links.map((link) => (
            <MySharedLinkItem key={link.id} link={link} />
          ))}
        </ul>
      )}
    </section>
  );
}

function MySharedLinkItem({ link }: { link: MySharedLink }) {
  const { markRevoked, forget } = useMySharesStore.getState();
  const expired = link.expiresAt !== null && new Date(link.expiresAt) <= new Date();
  const revoke = useMutation({
    mutationFn: () => revokeShare(link.id, link.revokeToken!),
    onSuccess: () => markRevoked(link.id),
  });

  return (
    <li className="rounded-lg border border-line p-2 text-sm" aria-label={link.title}>
      <p className="font-medium break-words">{link.title}</p>
      <p className="text-muted">
        Created {formatDate(link.createdAt)}
        {link.revoked ? " · revoked" : expired ? " · expired" : link.expiresAt ? ` · expires ${formatDate(link.expiresAt)}` : " · never expires"}
      </p>
      <div className="mt-1 flex flex-wrap gap-1">
        {!link.revoked && !expired ? (
          <>
            <CopyButton text={absoluteShareUrl(link.id)} label="Copy link" />
            <a className="btn-quiet" href={`/s/${link.id}`} target="_blank" rel="noopener noreferrer">
              Open
            </a>
            {link.revokeToken ? (
              <button type="button" className="btn-quiet text-red-700 dark:text-red-300" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
                {revoke.isPending ? "Revoking…" : "Revoke"}
              </button>
            ) : (
              <span className="px-2 py-1 text-muted">This browser no longer holds its revoke token.</span>
            )}
          </>
        ) : null}
        <button type="button" className="btn-quiet" onClick={() => forget(link.id)}>
          Remove from list
        </button>
      </div>
      {revoke.isError ? (
        <p role="alert" className="text-red-700 dark:text-red-300">
          {revoke.error.message}
        </p>
      ) : null}
    </li>
  );
}
