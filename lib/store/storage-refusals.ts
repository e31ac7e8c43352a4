/**
 * The playground's localStorage records the browser last refused to write (its storage full, or a
 * private window that keeps none): the page says so, as a reload would then show what was saved
 * before. A later write that succeeds clears the record's refusal.
 */
import { create } from "zustand";

export const useStorageRefusals = create<{ refused: readonly string[] }>(() => ({ refused: [] }));

/** What a write of `key` came to: `error` null when it was stored. */
export function reportWrite(key: string, error: unknown): void {
  const { refused } = useStorageRefusals.getState();
  const listed = refused.includes(key);
  if (error !== null && !listed) useStorageRefusals.setState({ refused: [...refused, key] });
  else if (error === null && listed) useStorageRefusals.setState({ refused: refused.filter((k) => k !== key) });
}
