"use client";
import { memo, useDeferredValue, useMemo } from "react";
import { prepareMath } from "@/lib/markdown/math-delimiters";
import { splitMarkdownBlocks } from "@/lib/markdown/split-blocks";
import type { PluggableList } from "./markdown-options";
import { renderedBlock } from "./rendered-blocks";
import { useHighlighter } from "./use-highlighter";
import { useMath, type MathPlugins } from "./use-math";

/** Blocks are grouped this many at a time into chunks the browser may skip once complete. */
const BLOCKS_PER_CHUNK = 16;

// A complete chunk off screen costs nothing to style, lay out or paint; once shown, the browser
// remembers its size (`auto`), so skipping it never moves the page. Per chunk, not per block:
// every skippable element is checked for visibility each frame, and hundreds cost more than they save.
const SKIPPABLE = "[content-visibility:auto] [contain-intrinsic-size:auto_40rem]";

const hasFence = (block: string) => block.includes("```") || block.includes("~~~");
// After prepareMath every formula is between dollars (an escaped currency `\$` only costs a parse).
const hasDollar = (block: string) => block.includes("$");

interface BlockProps {
  text: string;
  /** Its text is final (not the growing end of a streamed reply): its rendering is kept for whoever shows it next. */
  settled: boolean;
  highlight?: PluggableList;
  math?: MathPlugins;
}

const MarkdownBlock = memo(function MarkdownBlock({ text, settled, highlight, math }: BlockProps) {
  // Highlighting a block (guessing its language when the fence names none) can take ~10 ms, and
  // so can a block of formulas: they are applied in a deferred render React may split between
  // frames, so several replies finishing at once (compare mode) or the plugins arriving do not
  // make one long task.
  const deferredHighlight = useDeferredValue(highlight);
  const deferredMath = useDeferredValue(math);
  const element = useMemo(() => renderedBlock(text, { highlight: deferredHighlight, math: deferredMath }, settled), [text, deferredHighlight, deferredMath, settled]);
  return <div className="space-y-3">{element}</div>;
});

interface ChunkProps {
  blocks: string[];
  /** Index in `blocks` of the block still growing, or -1. */
  growing: number;
  highlight?: PluggableList;
  math?: MathPlugins;
}

const MarkdownChunk = memo(
  function MarkdownChunk({ blocks, growing, highlight, math }: ChunkProps) {
    const complete = growing < 0 && blocks.length === BLOCKS_PER_CHUNK;
    return (
      <div className={complete ? `space-y-3 ${SKIPPABLE}` : "space-y-3"}>
        {blocks.map((block, i) => (
          // The growing block changes every commit and is highlighted once done; highlighting is
          // attached only where there is code, as it sets its grammars up on every render. Math
          // renders in the growing block too: prepareMath leaves an unclosed formula as text.
          <MarkdownBlock
            key={i}
            text={block}
            settled={i !== growing}
            highlight={i !== growing && highlight && hasFence(block) ? highlight : undefined}
            math={math && hasDollar(block) ? math : undefined}
          />
        ))}
      </div>
    );
  },
  (a, b) => a.growing === b.growing && a.highlight === b.highlight && a.math === b.math && a.blocks.length === b.blocks.length && a.blocks.every((block, i) => block === b.blocks[i]),
);

export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  // Math delimiters normalised first, so the split sees display math's `$$` lines.
  const prepared = useMemo(() => prepareMath(text), [text]);
  const blocks = useMemo(() => splitMarkdownBlocks(prepared.text), [prepared.text]);
  const highlight = useHighlighter(hasFence(text));
  const math = useMath(prepared.hasMath);
  const growing = streaming ? blocks.length - 1 : -1;
  const chunks: ChunkProps[] = [];
  for (let start = 0; start < blocks.length; start += BLOCKS_PER_CHUNK) {
    const end = start + BLOCKS_PER_CHUNK;
    chunks.push({ blocks: blocks.slice(start, end), growing: growing >= start && growing < end ? growing - start : -1, highlight, math });
  }
  return (
    <div className="markdown">
      {chunks.map((chunk, i) => (
        <MarkdownChunk key={i} {...chunk} />
      ))}
    </div>
  );
}
