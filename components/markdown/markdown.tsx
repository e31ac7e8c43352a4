"use client";
import { memo, useMemo } from "react";
import ReactMarkdown from "react-markdown";
import { splitMarkdownBlocks } from "@/lib/markdown/split-blocks";
import { markdownComponents, remarkPlugins, type PluggableList } from "./markdown-options";
import { useHighlighter } from "./use-highlighter";

const MarkdownBlock = memo(function MarkdownBlock({ text, rehypePlugins }: { text: string; rehypePlugins?: PluggableList }) {
  return (
    <ReactMarkdown
      remarkPlugins={remarkPlugins}
      rehypePlugins={rehypePlugins}
      components={markdownComponents}
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
