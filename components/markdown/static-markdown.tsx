/** Server-rendered markdown (share pages): same options as the chat, highlighted on the server. */
import ReactMarkdown from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import { markdownComponents, remarkPlugins, type PluggableList } from "./markdown-options";

const rehypePlugins: PluggableList = [[rehypeHighlight, { detect: true }]];

export function StaticMarkdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={markdownComponents}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
