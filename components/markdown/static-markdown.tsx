/**
 * Server-rendered markdown (share pages): same options as the chat, highlighted and with math
 * rendered on the server. Only server components import this file, so KaTeX stays off the
 * browser's JavaScript (the share page gets KaTeX's CSS).
 */
import ReactMarkdown from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import { prepareMath } from "@/lib/markdown/math-delimiters";
import { markdownComponents, remarkPlugins, type PluggableList } from "./markdown-options";
import { mathComponents, mathRehypePlugins, mathRemarkPlugins } from "./math-plugins";

const withMath: PluggableList = [...remarkPlugins, ...mathRemarkPlugins];
// Formulas first: highlighting would otherwise see their code elements.
const rehypePlugins: PluggableList = [...mathRehypePlugins, [rehypeHighlight, { detect: true }]];
const components = { ...markdownComponents, ...mathComponents };

export function StaticMarkdown({ text }: { text: string }) {
  const prepared = prepareMath(text);
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={prepared.hasMath ? withMath : remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
        {prepared.text}
      </ReactMarkdown>
    </div>
  );
}
