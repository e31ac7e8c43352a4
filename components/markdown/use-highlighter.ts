"use client";
import { useEffect, useState } from "react";
import type { PluggableList } from "./markdown-options";

let loaded: PluggableList | undefined;
let loading: Promise<PluggableList> | undefined;

/**
 * Loads syntax highlighting only once a reply contains code, keeping it off the first page load.
 * rehype-highlight registers its ~37 grammars each time a processor is set up, which react-markdown
 * does on every render of every block: set it up once here and hand out the same transformer.
 */
async function loadHighlighter(): Promise<PluggableList> {
  const { default: rehypeHighlight } = await import("rehype-highlight");
  const highlight = rehypeHighlight({ detect: true });
  return [() => highlight];
}

/** Starts loading (once); what a reply with code, or the idle page, calls. */
export function preloadHighlighter(): Promise<PluggableList> {
  return (loading ??= loadHighlighter().then((p) => (loaded = p)));
}

export function useHighlighter(needed: boolean): PluggableList | undefined {
  const [plugins, setPlugins] = useState(loaded);
  useEffect(() => {
    if (!needed || plugins) return;
    const loading = preloadHighlighter();
    let live = true;
    loading.then((p) => live && setPlugins(p));
    return () => {
      live = false;
    };
  }, [needed, plugins]);
  return plugins;
}
