"use client";
import { useEffect, useState } from "react";
import type { PluggableList } from "./markdown-options";

let loaded: PluggableList | undefined;
let loading: Promise<PluggableList> | undefined;

/** Loads syntax highlighting only once a reply contains code, keeping it off the first page load. */
export function useHighlighter(needed: boolean): PluggableList | undefined {
  const [plugins, setPlugins] = useState(loaded);
  useEffect(() => {
    if (!needed || plugins) return;
    loading ??= import("rehype-highlight").then((m) => (loaded = [[m.default, { detect: true }]]));
    let live = true;
    loading.then((p) => live && setPlugins(p));
    return () => {
      live = false;
    };
  }, [needed, plugins]);
  return plugins;
}
