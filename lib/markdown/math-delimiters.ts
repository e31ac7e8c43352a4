/**
 * Prepares a reply's math for remark-math, which reads only dollar delimiters:
 *
 * - `\(…\)` becomes `$…$`, `\[…\]` becomes `$$…$$` with both `$$` on lines of their own, so
 *   remark-math reads it as display math (`$$…$$` inside a line is inline math to remark-math);
 *   a `$$…$$` that fills its lines is set on lines of its own the same way. (Models write `\[`
 *   mid-sentence and `$$\begin{aligned}…` on one line; remark-math would take the first line's
 *   rest as a fence's info string and drop it.) In a table row it stays inline: a line break
 *   would end the table.
 * - Currency stays text. remark-math's `singleDollarTextMath` reads "$5 and $10" as the formula
 *   "5 and " (measured, see the test), so a single `$` is math only by Pandoc's rule, made
 *   stricter: the opening `$` is followed by a non-space, the closing `$` is the very next `$`,
 *   preceded by a non-space and not followed by a digit. Every other `$` is escaped (`\$`), and
 *   shows as a dollar sign.
 * - A formula not closed yet (a reply still streaming) stays text: its `$` or `$$` is escaped,
 *   and a lone `\(` or `\[` is left alone (markdown shows it as `(` or `[`).
 * - Code spans and fenced code blocks are never touched, nor escaped characters: `\$` stays a
 *   dollar, `\\(` is a backslash and a parenthesis.
 *
 * Known gaps, for simplicity: indented code blocks (4 spaces) are read like text; inline math
 * never crosses a blank line; display math crosses one only from a `$$` at the start of a line.
 *
 * `hasMath` says whether any formula is left, so KaTeX loads only for replies that have one.
 */
export interface PreparedMath {
  text: string;
  hasMath: boolean;
}

interface Token {
  /** code: a code span or fenced block; break: a blank line; open and close: `\(` `\[` `\)` `\]`. */
  kind: "code" | "break" | "dollar" | "open" | "close";
  from: number;
  to: number;
  /** `\[` or `\]` rather than `\(` or `\)`. */
  display?: boolean;
}

interface Edit {
  at: number;
  remove: number;
  insert: string;
}

const MAYBE_MATH = /\$|\\[([]/;
const FENCE_OPEN = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^[ \t>]*(`{3,}|~{3,})[ \t]*$/;
const BLANK = /^[ \t>]*$/;
/** What may precede a block on its line: blockquote markers, indentation, a list marker. */
const CONTAINER = /^((?:[ \t]*>)*[ \t]*)((?:[-*+]|\d{1,9}[.)])[ \t]+)?/;
const ASCII_PUNCTUATION = /[!-\/:-@[-`{-~]/;
const SPECIAL = /[\\`$]/g;

export function prepareMath(markdown: string): PreparedMath {
  if (!MAYBE_MATH.test(markdown)) return { text: markdown, hasMath: false };
  const tokens = tokenize(markdown);
  const edits: Edit[] = [];
  let hasMath = false;

  const escapeDollars = (t: Token) => {
    for (let at = t.from; at < t.to; at++) edits.push({ at, remove: 0, insert: "\\" });
  };
  /** The next token after `k`, passing blank lines only when `acrossBreaks`. */
  const next = (k: number, acrossBreaks: boolean) => {
    let j = k + 1;
    while (acrossBreaks && tokens[j]?.kind === "break") j++;
    return j;
  };

  for (let k = 0; k < tokens.length; k++) {
    const open = tokens[k];
    const length = open.to - open.from;
    if (open.kind === "dollar" && length === 1) {
      const j = next(k, false);
      const close = tokens[j];
      if (close?.kind === "dollar" && close.to - close.from === 1 && isInlineFormula(markdown, open, close)) {
        hasMath = true;
        k = j;
      } else escapeDollars(open);
    } else if (open.kind === "dollar" && length === 2) {
      const fromLineStart = startsLine(markdown, open.from);
      const j = next(k, fromLineStart);
      const close = tokens[j];
      const crossed = j > k + 1;
      const display = fromLineStart && close !== undefined && endsLine(markdown, close.to);
      if (close?.kind === "dollar" && close.to - close.from === 2 && (display || !crossed)) {
        if (display) edits.push(...displayEdits(markdown, open, close, "$$"));
        hasMath = true;
        k = j;
      } else escapeDollars(open);
    } else if (open.kind === "dollar") {
      escapeDollars(open);
    } else if (open.kind === "open") {
      const j = next(k, false);
      const close = tokens[j];
      if (close?.kind === "close" && close.display === open.display && markdown.slice(open.to, close.from).trim()) {
        if (open.display && !inTableRow(markdown, open.from)) edits.push(...displayEdits(markdown, open, close, "$$"));
        else edits.push(...inlineEdits(markdown, open, close, open.display ? "$$" : "$"));
        hasMath = true;
        k = j;
      }
    }
  }
  return { text: applyEdits(markdown, edits), hasMath };
}

/** Pandoc's rule: `$` then a non-space … a non-space then `$`, not followed by a digit. */
function isInlineFormula(md: string, open: Token, close: Token): boolean {
  return /\S/.test(md[open.to] ?? "") && /\S/.test(md[close.from - 1] ?? "") && !/\d/.test(md[close.to] ?? "");
}

function lineStartOf(md: string, at: number): number {
  return md.lastIndexOf("\n", at - 1) + 1;
}

function lineEndOf(md: string, at: number): number {
  const nl = md.indexOf("\n", at);
  return nl < 0 ? md.length : nl;
}

/** Only container markers (blockquote, indentation, list marker) before `at` on its line. */
function startsLine(md: string, at: number): boolean {
  const before = md.slice(lineStartOf(md, at), at);
  return CONTAINER.exec(before)![0].length === before.length;
}

function endsLine(md: string, at: number): boolean {
  return md.slice(at, lineEndOf(md, at)).trim() === "";
}

function inTableRow(md: string, at: number): boolean {
  return md.slice(lineStartOf(md, at), at).replace(/^[ \t>]*/, "").startsWith("|");
}

/** The prefix that keeps a new line in the same blockquote or list item as the line at `at`. */
function continuation(md: string, at: number): string {
  const [, quote, marker] = CONTAINER.exec(md.slice(lineStartOf(md, at), lineEndOf(md, at)))!;
  return quote + " ".repeat(marker?.length ?? 0);
}

/** Both delimiters become `$$` on lines of their own (text around them moves to its own lines). */
function displayEdits(md: string, open: Token, close: Token, fence: string): Edit[] {
  const openLine = "\n" + continuation(md, open.from);
  const closeLine = "\n" + continuation(md, close.from);
  const before = startsLine(md, open.from) ? "" : openLine;
  const afterOpen = endsLine(md, open.to) ? "" : openLine;
  const beforeClose = startsLine(md, close.from) ? "" : closeLine;
  const after = endsLine(md, close.to) ? "" : closeLine;
  return [
    { at: open.from, remove: open.to - open.from, insert: before + fence + afterOpen },
    // The text after moves to a line of its own without its leading spaces, which could indent it into code.
    { at: close.from, remove: close.to - close.from + (after ? /^[ \t]*/.exec(md.slice(close.to))![0].length : 0), insert: beforeClose + fence + after },
  ];
}

/**
 * `\(x\)` → `$x$`; a space keeps it apart from a neighbouring `$` (or a `\(` about to become
 * one), which would merge with it into `$$`.
 */
function inlineEdits(md: string, open: Token, close: Token, delimiter: string): Edit[] {
  const before = md[open.from - 1] === "$" ? " " : "";
  const after = /^(?:\$|\\[([])/.test(md.slice(close.to, close.to + 2)) ? " " : "";
  return [
    { at: open.from, remove: open.to - open.from, insert: before + delimiter },
    { at: close.from, remove: close.to - close.from, insert: delimiter + after },
  ];
}

function applyEdits(md: string, edits: Edit[]): string {
  if (!edits.length) return md;
  let out = "";
  let from = 0;
  for (const edit of edits) {
    out += md.slice(from, edit.at) + edit.insert;
    from = edit.at + edit.remove;
  }
  return out + md.slice(from);
}

/** Splits the text into the tokens that matter: fenced code and paragraphs' inline tokens. */
function tokenize(md: string): Token[] {
  const tokens: Token[] = [];
  let fence: string | null = null;
  let fenceFrom = 0;
  let paragraphFrom = -1;
  const endParagraph = (to: number) => {
    if (paragraphFrom >= 0) scanInline(md, paragraphFrom, to, tokens);
    paragraphFrom = -1;
  };

  for (let start = 0; start <= md.length; ) {
    const end = lineEndOf(md, start);
    const line = md.slice(start, end);
    if (fence !== null) {
      const marker = FENCE_CLOSE.exec(line)?.[1];
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) {
        tokens.push({ kind: "code", from: fenceFrom, to: end });
        fence = null;
      }
    } else {
      const opening = FENCE_OPEN.exec(line);
      // A backtick fence's info string has no backtick: "```a``` b" is a code span.
      if (opening && !(opening[1][0] === "`" && opening[2].includes("`"))) {
        endParagraph(start);
        fence = opening[1];
        fenceFrom = start;
      } else if (BLANK.test(line)) {
        endParagraph(start);
        tokens.push({ kind: "break", from: start, to: end });
      } else if (paragraphFrom < 0) paragraphFrom = start;
    }
    start = end + 1;
  }
  endParagraph(md.length);
  // A fence still open (streaming) is code to the end.
  if (fence !== null) tokens.push({ kind: "code", from: fenceFrom, to: md.length });
  return tokens;
}

/** Inline tokens of one paragraph: code spans, runs of `$`, `\(` `\)` `\[` `\]`; escapes skipped. */
function scanInline(md: string, from: number, to: number, tokens: Token[]) {
  const special = SPECIAL;
  special.lastIndex = from;
  for (let match = special.exec(md); match && match.index < to; match = special.exec(md)) {
    const i = match.index;
    const c = md[i];
    if (c === "\\") {
      const escaped = md[i + 1] ?? "";
      if (i + 1 < to && "()[]".includes(escaped)) {
        tokens.push({ kind: escaped === "(" || escaped === "[" ? "open" : "close", display: escaped === "[" || escaped === "]", from: i, to: i + 2 });
      }
      // An escaped character (`\$`, `` \` ``, `\\`) is never a delimiter.
      if (i + 1 < to && ASCII_PUNCTUATION.test(escaped)) special.lastIndex = i + 2;
      continue;
    }
    const run = runEnd(md, i, to, c) - i;
    if (c === "$") {
      tokens.push({ kind: "dollar", from: i, to: i + run });
      special.lastIndex = i + run;
    } else {
      // A code span closes at the next run of exactly as many backticks; unclosed, they are text.
      const close = findRun(md, i + run, to, run);
      if (close >= 0) tokens.push({ kind: "code", from: i, to: close + run });
      special.lastIndex = close >= 0 ? close + run : i + run;
    }
  }
}

function runEnd(md: string, from: number, to: number, char: string): number {
  let end = from;
  while (end < to && md[end] === char) end++;
  return end;
}

function findRun(md: string, from: number, to: number, length: number): number {
  for (let at = md.indexOf("`", from); at >= 0 && at < to; at = md.indexOf("`", at)) {
    const end = runEnd(md, at, to, "`");
    if (end - at === length) return at;
    at = end;
  }
  return -1;
}
