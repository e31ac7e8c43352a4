/**
 * Math rendering: remark-math finds the formulas prepareMath (lib/markdown/math-delimiters) left,
 * rehype-katex renders them. The chat imports this module only once a reply has math
 * (use-math.ts), so KaTeX's code and CSS stay off the first page load; the server-rendered share
 * page imports it directly. Its CSS bundles KaTeX's fonts from node_modules: nothing is fetched
 * from elsewhere.
 */
import "katex/dist/katex.min.css";
import "./math.css";
import rehypeKatex, { type Options as KatexOptions } from "rehype-katex";
import remarkMath from "remark-math";
import type { PluggableList } from "./markdown-options";

export const KATEX_OPTIONS: KatexOptions = {
  // A model's text is untrusted: no \href, \url, \includegraphics, \htmlClass and the like (they
  // render as red error text), and KaTeX's macro expansion limit stays on.
  trust: false,
  // Visual HTML plus MathML, which screen readers read.
  output: "htmlAndMathml",
  // Models write loose LaTeX; KaTeX would log a warning for each non-strict construct.
  strict: "ignore",
};

interface HastNode {
  type: string;
  tagName?: string;
  properties?: { className?: unknown };
  children?: HastNode[];
}

/**
 * rehype-katex also renders ```math fences, but code fences are never read as math here: such a
 * block is shown as plain code. Formulas from remark-math carry `math-inline` or `math-display`.
 */
function fencesStayCode() {
  const walk = (node: HastNode) => {
    const classes = node.properties?.className;
    if (node.tagName === "code" && Array.isArray(classes) && classes.includes("language-math") && !classes.includes("math-inline") && !classes.includes("math-display")) {
      node.properties!.className = classes.map((c) => (c === "language-math" ? "language-plaintext" : c));
    }
    node.children?.forEach(walk);
  };
  return walk;
}

export const mathRemarkPlugins: PluggableList = [remarkMath];

/** Before highlighting, which would otherwise see the formulas' code elements. */
export const mathRehypePlugins: PluggableList = [fencesStayCode, [rehypeKatex, KATEX_OPTIONS]];
