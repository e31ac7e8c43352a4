import type { ReactElement } from "react";
import renderMarkdown from "react-markdown";
import { markdownComponents, remarkPlugins, type PluggableList } from "./markdown-options";
import type { MathPlugins } from "./use-math";

/**
 * Finished markdown blocks, rendered once per text and plugin set, whichever reply shows them.
 * Parsing a block (remark, GFM, highlighting, math) is most of what a reply costs to draw: without
 * this, switching to another version and back, reopening a conversation from History or
 * regenerating from an earlier message parsed every reply again. A React element is an immutable
 * description, so one may be shown by any number of components.
 *
 * Bounded by the characters held (~4 MB of text, a few thousand replies' blocks and their element
 * trees), oldest use dropped first.
 */
const MAX_CHARS = 4_000_000;

const rendered = new Map<string, ReactElement>();
let heldChars = 0;

/** A number per loaded plugin set: they are singletons, so two numbers name a configuration. */
const ids = new WeakMap<object, number>();
let nextId = 1;
const idOf = (value: object | undefined) => {
  if (!value) return 0;
  let id = ids.get(value);
  if (id === undefined) ids.set(value, (id = nextId++));
  return id;
};

export interface BlockRendering {
  /** Syntax highlighting, once loaded, for a block with code. */
  highlight?: PluggableList;
  /** KaTeX, once loaded, for a block with a formula. */
  math?: MathPlugins;
}

function render(text: string, { highlight, math }: BlockRendering): ReactElement {
  return renderMarkdown({
    children: text,
    remarkPlugins: math ? [...remarkPlugins, ...math.remark] : remarkPlugins,
    // Formulas first: highlighting would otherwise see their code elements.
    rehypePlugins: math ? [...math.rehype, ...(highlight ?? [])] : highlight,
    components: math?.components ?? markdownComponents,
  });
}

/**
 * The block's rendering. `settled`: its text will not change (not the growing end of a streamed
 * reply), so it is worth keeping; a growing block's every prefix would only push finished ones out.
 */
export function renderedBlock(text: string, rendering: BlockRendering, settled: boolean): ReactElement {
  if (!settled) return render(text, rendering);
  const key = `${idOf(rendering.highlight)}.${idOf(rendering.math)}\u0000${text}`;
  const cached = rendered.get(key);
  if (cached) {
    // Most recent last: Map keeps insertion order, so the first key is the one used longest ago.
    rendered.delete(key);
    rendered.set(key, cached);
    return cached;
  }
  const element = render(text, rendering);
  rendered.set(key, element);
  heldChars += key.length;
  for (const [oldest] of rendered) {
    if (heldChars <= MAX_CHARS) break;
    rendered.delete(oldest);
    heldChars -= oldest.length;
  }
  return element;
}
