"use client";
import { useEffect, useState } from "react";

type MarkdownComponent = (typeof import("../markdown/markdown"))["Markdown"];

let loaded: MarkdownComponent | undefined;
let loading: Promise<MarkdownComponent> | undefined;

/**
 * The markdown renderer, loaded by the first reply that needs it (the parser and GFM stay off
 * the first page load); undefined until then, when the reply shows its text as is. Not through
 * next/dynamic: its Suspense boundary held every reply back for up to 300 ms after the fallback
 * showed, which was most of a reload's time to restore a long conversation.
 */
export function useMarkdown(needed: boolean): MarkdownComponent | undefined {
  const [component, setComponent] = useState(() => loaded);
  useEffect(() => {
    if (!needed || component) return;
    let live = true;
    loading ??= import("../markdown/markdown").then(
      (m) => (loaded = m.Markdown),
      (error: unknown) => {
        // A failed chunk load (a deploy since the page loaded): the text stays plain, the next reply tries again.
        loading = undefined;
        throw error;
      },
    );
    loading.then(
      (c) => live && setComponent(() => c),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [needed, component]);
  return component;
}
