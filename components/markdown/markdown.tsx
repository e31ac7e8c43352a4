"use client";
import { memo, useMemo } from "react";
import ReactMarkdown, { type Options } from "react-markdown";
import remarkGfm from "remark-gfm";
import { splitMarkdownBlocks } from "@/lib/markdown/split-blocks";
import { useHighlighter } from "./use-highlighter";

type PluggableList = NonNullable<Options["rehypePlugins"]>;

const remarkPlugins: PluggableList = [remarkGfm];

/**
 * Safe by construction: react-markdown builds React elements, never innerHTML; raw HTML in the
 * text is shown as text (no rehype-raw), and its default URL filter drops javascript: links.
 */
const MarkdownBlock = memo(function MarkdownBlock({ text, rehypePlugins }: { text: string; rehypePlugins?: PluggableList }) {
  return (
    <ReactMarkdown
      remarkPlugins={remarkPlugins}
      rehypePlugins={rehypePlugins}
      skipHtml={false}
      components={{
        a: ({ href, children }) => (
          <a href={href} target="_blank" rel="noopener noreferrer nofollow">
            {children}
          </a>
        ),
      }}
    >
      {text}
    </ReactMarkdown>
  );
});

export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const blocks = useMemo(() => splitMarkdownBlocks(text), [text]);
  const highlight = useHighlighter(text.includes("```") || text.includes("~~~"));
  return (
    <div className="markdown">
      {blocks.map((block, i) => {
        const growing = streaming && i === blocks.length - 1;
        // The growing tail skips highlighting: it changes every frame and is highlighted once done.
        return <MarkdownBlock key={i} text={block} rehypePlugins={growing ? undefined : highlight} />;
      })}
    </div>
  );
}
