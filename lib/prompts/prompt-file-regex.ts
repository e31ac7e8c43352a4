/**
 * Whether a test set's regex check may be kept and run: it must compile with its flags, and it
 * must not have the shape that makes JavaScript's backtracking engine take exponential time.
 * JavaScript offers no timeout for a regex, and a check runs on the page's main thread, so a
 * pattern like `(a+)+$` against a long reply would freeze the tab. Used where the pattern is typed
 * (so the error shows there) and by the prompt file's import (so a file cannot bring one in).
 *
 * The shape refused is a repeated group that itself holds an unbounded repetition (star height 2,
 * the rule of the safe-regex family): `(a+)+`, `(\w+\s?)*`, `(x*){2,}`. Bounded repetitions (`?`,
 * `{2}`, `{1,3}`) are allowed inside and around groups, so `(https?://)?` and `(\d{3}-){2}` pass.
 * Other slow shapes (overlapping alternatives under a star, polynomial ones like `\s*\s*$`) are
 * not detected; the checks also cap the text a regex runs on (lib/evals/checks.ts).
 */
import { REGEX_FLAGS, TEST_SET_CAPS } from "./prompt-file-test-set";

/** Why a pattern cannot be a check, or null when it can. */
export function regexProblem(pattern: string, flags: string): string | null {
  if (pattern === "") return "the pattern is empty";
  if (pattern.length > TEST_SET_CAPS.regexLength) return `the pattern must be at most ${TEST_SET_CAPS.regexLength.toLocaleString("en-US")} characters`;
  for (const flag of flags) {
    if (!REGEX_FLAGS.includes(flag)) return `"${flag}" is not a flag a check may use (use ${[...REGEX_FLAGS].join(", ")})`;
  }
  if (new Set(flags).size !== flags.length) return "a flag is given twice";
  try {
    new RegExp(pattern, flags);
  } catch (error) {
    return (error as Error).message;
  }
  const nested = nestedRepetition(pattern);
  return nested === null ? null : `"${nested}" repeats a group that itself repeats without bound, which can take exponential time; write it without the outer repetition`;
}

/** The first `(…)` + quantifier whose group holds an unbounded repetition, or null. The pattern is known to compile. */
function nestedRepetition(pattern: string): string | null {
  // One entry per open group: where it starts and whether an unbounded quantifier was seen inside.
  const groups: { start: number; unbounded: boolean }[] = [];
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i];
    if (char === "\\") {
      i += 2;
      continue;
    }
    if (char === "[") {
      i = classEnd(pattern, i);
      continue;
    }
    if (char === "(") {
      groups.push({ start: i, unbounded: false });
      i++;
      continue;
    }
    if (char === ")") {
      const group = groups.pop();
      const quantifier = quantifierAt(pattern, i + 1);
      if (group && quantifier) {
        if (quantifier.unbounded && group.unbounded) return pattern.slice(group.start, i + 1 + quantifier.length);
        if (quantifier.unbounded || group.unbounded) markUnbounded(groups);
      } else if (group?.unbounded) {
        markUnbounded(groups);
      }
      i += 1 + (quantifier?.length ?? 0);
      continue;
    }
    const quantifier = quantifierAt(pattern, i);
    if (quantifier) {
      if (quantifier.unbounded) markUnbounded(groups);
      i += quantifier.length;
      continue;
    }
    i++;
  }
  return null;
}

const markUnbounded = (groups: { unbounded: boolean }[]) => {
  const innermost = groups.at(-1);
  if (innermost) innermost.unbounded = true;
};

/** The index just past a character class starting at `start` (`[`). */
function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === "^") i++;
  // A `]` first in a class is a literal in some engines; in JavaScript `[]` is an empty class, so no special case.
  while (i < pattern.length && pattern[i] !== "]") i += pattern[i] === "\\" ? 2 : 1;
  return i + 1;
}

/** A quantifier at `at` (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each maybe lazy): its length and whether it is unbounded. */
function quantifierAt(pattern: string, at: number): { length: number; unbounded: boolean } | null {
  const char = pattern[at];
  let length = 0;
  let unbounded = false;
  if (char === "*" || char === "+") {
    length = 1;
    unbounded = true;
  } else if (char === "?") {
    length = 1;
  } else if (char === "{") {
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at, at + 24));
    if (!braces) return null;
    length = braces[0].length;
    unbounded = braces[2] !== undefined && braces[3] === "";
  } else {
    return null;
  }
  if (pattern[at + length] === "?") length++;
  return { length, unbounded };
}
