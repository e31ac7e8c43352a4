"use client";
import { useCallback, useEffect, useRef, type RefObject } from "react";

/** How far below the viewport the end may be and still count as "reading the latest". */
const PINNED_SLACK_PX = 120;

/**
 * Keeps the end of a growing conversation in view while the reader is at the end, and leaves
 * them alone once they scroll away to read. It acts only when the content's height changes (a
 * ResizeObserver, after layout), not on every streamed delta, so it forces no extra layout.
 */
export function useStickToBottom(content: RefObject<HTMLElement | null>, end: RefObject<HTMLElement | null>, messageCount: number, enabled = true, conversation = "", sending = true): () => void {
  const pinned = useRef(true);
  const followed = useRef(conversation);

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

  // A message sent is the reader's own doing: follow it. So is another conversation (opened,
  // branched, or restored on reload). Another version is not: the reader stays by the navigator
  // they clicked (and scrolling to the end made the browser lay out the whole conversation).
  useEffect(() => {
    if (!enabled) return;
    const other = followed.current !== conversation;
    followed.current = conversation;
    if (!sending && !other) return;
    pinned.current = true;
    end.current?.scrollIntoView({ block: "end" });
  }, [messageCount, end, enabled, conversation, sending]);

  /** Puts the end in view now, when the reader is there (what the resize observer would do after layout): for a list about to measure what is in view. */
  return useCallback(() => {
    if (enabled && pinned.current) end.current?.scrollIntoView({ block: "end" });
  }, [enabled, end]);
}
