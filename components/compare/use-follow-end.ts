"use client";
import { useEffect, useRef, type RefObject } from "react";

/** How close to the end of its box a column counts as "reading the latest". */
const PINNED_SLACK_PX = 48;

/**
 * Keeps a compare column's own scroll box at its end while its reply grows and the reader has
 * not scrolled up in it. Only that box scrolls: six columns following their ends must not pull
 * the page around. Acts when the content's size changes (ResizeObserver), not per delta.
 */
export function useFollowEnd(box: RefObject<HTMLElement | null>) {
  const pinned = useRef(true);
  useEffect(() => {
    const element = box.current;
    const content = element?.firstElementChild;
    if (!element || !content) return;
    const onScroll = () => {
      pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight <= PINNED_SLACK_PX;
    };
    const observer = new ResizeObserver(() => {
      if (pinned.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(content);
    element.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener("scroll", onScroll);
    };
  }, [box]);
}
