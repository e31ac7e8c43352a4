/**
 * The one markdown configuration, for the live chat and the server-rendered share page alike.
 * Safe by construction: react-markdown builds React elements, never innerHTML; raw HTML in the
 * text is not rendered as HTML (no rehype-raw), and its default URL filter drops javascript: links.
 */
import type { Components, Options } from "react-markdown";
import remarkGfm from "remark-gfm";

export type PluggableList = NonNullable<Options["rehypePlugins"]>;

export const remarkPlugins: PluggableList = [remarkGfm];

export const markdownComponents: Components = {
  // A link whose URL the filter dropped (javascript:, data:) stays as its plain text.
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  // Images are never fetched on their own: a URL in a reply or a shared link could be a tracking
  // pixel. They show as a link the reader can choose to follow.
  img: ({ src, alt }) =>
    typeof src === "string" && src ? (
      <a href={src} target="_blank" rel="noopener noreferrer nofollow">
        {`Image: ${alt || src}`}
      </a>
    ) : (
      <span>{alt}</span>
    ),
};
