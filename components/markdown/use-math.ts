"use client";
import { useEffect, useState } from "react";
import type { Components } from "react-markdown";
import { markdownComponents, type PluggableList } from "./markdown-options";

export interface MathPlugins {
  remark: PluggableList;
  rehype: PluggableList;
  /** The formula element's renderer, added to the markdown's components. */
  components: Components;
}

let loaded: MathPlugins | undefined;
let loading: Promise<MathPlugins> | undefined;

/**
 * Loads KaTeX (code and CSS, with remark-math and rehype-katex) only once a reply has math, keeping
 * it off the first page load and off every reply without math. Unlike highlighting it is not
 * preloaded when the page is idle: most replies have no math.
 */
function loadMath(): Promise<MathPlugins> {
  return (loading ??= import("./math-plugins").then(
    (m) => (loaded = { remark: m.mathRemarkPlugins, rehype: m.mathRehypePlugins, components: { ...markdownComponents, ...m.mathComponents } }),
    (error: unknown) => {
      // A failed chunk load (a deploy since the page loaded, a dropped connection): math stays
      // text, and the next reply with math tries again.
      loading = undefined;
      throw error;
    },
  ));
}

export function useMath(needed: boolean): MathPlugins | undefined {
  const [plugins, setPlugins] = useState(loaded);
  useEffect(() => {
    if (!needed || plugins) return;
    let live = true;
    loadMath().then(
      (p) => live && setPlugins(p),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [needed, plugins]);
  return plugins;
}
