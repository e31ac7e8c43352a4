"use client";
import { useEffect, useRef, type RefObject } from "react";

/** How far below the viewport the end may be and still count as "reading the latest". */
const PINNED_SLACK_PX = 120;

/**
 * Keeps the end of a growing conversation in view while the reader is at the end, and leaves
 * them alone once they scroll away to read. It acts only when the content's height changes (a
 * ResizeObserver, after layout), not on every streamed delta, so it forces no extra layout.
 */
export function useStickToBottom(content: RefObject<HTMLElement | null>, end: RefObject<HTMLElement | null>, messageCount: number, enabled = true) {
  const pinned = useRef(true);

  useEffect(() => {
    const target = content.current;
    if (!target || !enabled) return;
    const onScroll = () => {
      const bottom = end.current?.getBoundingClientRect().bottom;
      if (bottom !== undefined) pinned.current = bottom >= 0 && bottom <= window.innerHeight + PINNED_SLACK_PX;
    };
    const observer = new ResizeObserver(() => {
      if (pinned.current) end.current?.scrollIntoView({ block: "end" });
    });
    observer.observe(target);
    window.addEventListener("scroll", onScroll, { passive: true, capture: true });
    return () => {
      observer.disconnect();
      window.removeEventListener("scroll", onScroll, { capture: true });
    };
  }, [content, end, enabled]);

  // A new message is the reader's own doing: follow it.
  useEffect(() => {
    if (!enabled) return;
    pinned.current = true;
    end.current?.scrollIntoView({ block: "end" });
  }, [messageCount, end, enabled]);
}
