"use client";
import { useEffect } from "react";
import { whenIdle } from "@/lib/client/when-idle";
import { preloadHighlighter } from "../markdown/use-highlighter";

/**
 * Loads what renders a reply (the markdown stack, then syntax highlighting) once the page is
 * idle, one module per idle period. Both stay off the first load, but evaluating them when the
 * first reply arrives made a 50 ms task in the middle of its streaming (a 2-core machine).
 */
export function useWarmReplyRendering(): void {
  useEffect(() => {
    let live = true;
    let cancel = whenIdle(() => {
      void import("../markdown/markdown").then(() => {
        if (live) cancel = whenIdle(() => void preloadHighlighter());
      });
    });
    return () => {
      live = false;
      cancel();
    };
  }, []);
}
