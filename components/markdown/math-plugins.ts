/**
 * Math rendering: remark-math finds the formulas prepareMath (lib/markdown/math-delimiters) left;
 * a rehype step turns each into one <math-formula> element holding its TeX, which the
 * MathFormula component renders with KaTeX. The chat imports this module only once a reply has
 * math (use-math.ts), so KaTeX's code and CSS stay off the first page load; the server-rendered
 * share page imports it directly. Its CSS bundles KaTeX's fonts from node_modules: nothing is
 * fetched from elsewhere.
 *
 * Why not rehype-katex: it renders every formula of a block on every parse, and a streaming
 * reply's growing block is parsed on every commit, so a paragraph of formulas was rendered by
 * KaTeX, parsed from HTML and reconciled by React dozens of times. Here a formula's React
 * elements are made once per TeX string and a formula whose TeX did not change is skipped by
 * React (memo). The markup is KaTeX's, turned into React elements like the rest of the markdown:
 * never innerHTML.
 */
import "katex/dist/katex.min.css";
import "./math.css";
import { fromHtmlIsomorphic } from "hast-util-from-html-isomorphic";
import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import katex, { type KatexOptions } from "katex";
import { memo, type ReactElement } from "react";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import type { Components } from "react-markdown";
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
  // A formula KaTeX cannot parse shows its source in red with the error as its title.
  throwOnError: false,
};

/** The element a formula becomes in the markdown's tree, rendered by MathFormula. */
const FORMULA_TAG = "math-formula";

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

const classesOf = (node: HastNode) => (Array.isArray(node.properties?.className) ? (node.properties.className as unknown[]) : []);
const textOf = (node: HastNode): string => node.value ?? (node.children ?? []).map(textOf).join("");
const formula = (tex: string, display: boolean): HastNode => ({ type: "element", tagName: FORMULA_TAG, properties: { dataTex: tex, dataDisplay: display ? "true" : "false" }, children: [] });

/**
 * remark-math's formulas (`code.math-inline`, and `pre > code.math-display`) become <math-formula>
 * elements. A ```math fence has neither class and stays code.
 */
function formulasAsElements() {
  const walk = (node: HastNode) => {
    const children = node.children;
    if (!children) return;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child.tagName === "code" && classesOf(child).includes("math-inline")) children[i] = formula(textOf(child), false);
      else if (child.tagName === "pre" && child.children?.length === 1 && classesOf(child.children[0]).includes("math-display")) children[i] = formula(textOf(child), true);
      else walk(child);
    }
  };
  return walk;
}

export const mathRemarkPlugins: PluggableList = [remarkMath];

/** Before highlighting, which would otherwise see the formulas' code elements. */
export const mathRehypePlugins: PluggableList = [formulasAsElements];

/**
 * Each formula's React elements, by display mode and TeX. Bounded: a long session's formulas
 * should not pile up; the newest are the ones a streaming reply re-renders.
 */
const rendered = new Map<string, ReactElement>();
const MAX_RENDERED = 2_000;

export function formulaElement(tex: string, display: boolean): ReactElement {
  const key = `${display ? "D" : "I"}${tex}`;
  let element = rendered.get(key);
  if (!element) {
    try {
      const html = katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display });
      element = toJsxRuntime(fromHtmlIsomorphic(html, { fragment: true }), { Fragment, jsx, jsxs }) as ReactElement;
    } catch (error) {
      // KaTeX reports a TeX error as red text itself; this is for its other failures (as
      // rehype-katex does, github.com/remarkjs/react-markdown/issues/853): the source stays text.
      element = jsx("span", { className: "katex-error", title: String(error), style: { color: "#cc0000" }, children: tex });
    }
    if (rendered.size >= MAX_RENDERED) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, element);
  }
  return element;
}

const MathFormula = memo(function MathFormula({ "data-tex": tex, "data-display": display }: { "data-tex"?: string; "data-display"?: string }) {
  return formulaElement(tex ?? "", display === "true");
});

/** Added to react-markdown's components where math is rendered. */
export const mathComponents = { [FORMULA_TAG]: MathFormula } as Components;
