"use client";
import { useStorageRefusals } from "@/lib/store/storage-refusals";

/** Says so when the browser refused to store the playground's state: a reload would show what was saved before. */
export function StorageNotice() {
  const refused = useStorageRefusals((s) => s.refused.length > 0);
  if (!refused) return null;
  return (
    <p role="alert" className="border-b border-amber-500/60 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950/30 dark:text-amber-100" data-testid="storage-refused">
      This browser refused to save the playground&apos;s latest changes (its storage is full, or the window is private): a reload would show
      what was saved before. Keep working here; <strong>History</strong> can export the conversation as a file.
    </p>
  );
}
