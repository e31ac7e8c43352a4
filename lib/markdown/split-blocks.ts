/**
 * Splits markdown into top-level blocks at blank lines outside fenced code, so a streaming
 * reply re-renders only its last, growing block; finished blocks keep their rendered output.
 * Splitting at blank lines is safe for markdown: a block never continues across one, except
 * inside fences (handled) and loose lists (which render the same as separate lists).
 * Display math between `$$` lines may hold blank lines too, so a `$$` line is a fence here;
 * prepareMath (./math-delimiters) puts every display formula's `$$` on lines of their own.
 */
export function splitMarkdownBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;

  for (const line of markdown.split("\n")) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1] ?? /^ {0,3}(\$\$)[ \t]*$/.exec(line)?.[1];
    if (marker) {
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
    }
    if (fence === null && line.trim() === "" && current.length) {
      blocks.push(current.join("\n"));
      current = [];
    } else if (fence !== null || line.trim() !== "") {
      current.push(line);
    }
  }
  if (current.length) blocks.push(current.join("\n"));
  return blocks;
}
