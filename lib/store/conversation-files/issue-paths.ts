/** zod issues as "path: message" lines: `tree.nodes.abc.message.role: must be one of …`, `messages[3].content: …`. */
import type * as z from "zod/mini";

/** At most this many errors are listed: a wrong file can have thousands, and the first ones say what is wrong. */
export const MAX_LISTED_ERRORS = 20;

/** Keys written with a dot: names, and ids like UUIDs (dashes read plainly there); others in brackets. */
export const DOTTED_KEY = /^[\w-]+$/;

export function pathText(path: readonly PropertyKey[], root = ""): string {
  let out = root;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && DOTTED_KEY.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

export const issueLines = (issues: readonly z.core.$ZodIssue[], root = ""): string[] => issues.map((i) => `${pathText(i.path, root) || "the file"}: ${i.message}`);

/** The first errors, and how many more there were. */
export function listed(errors: readonly string[]): string[] {
  if (errors.length <= MAX_LISTED_ERRORS) return [...errors];
  return [...errors.slice(0, MAX_LISTED_ERRORS), `… and ${(errors.length - MAX_LISTED_ERRORS).toLocaleString("en-US")} more`];
}
