"use client";
import { createContext, useContext, useLayoutEffect, useState, type CSSProperties, type RefObject } from "react";

/** How far beyond the viewport a reply is drawn in full ahead of the reader's scrolling. */
const AHEAD_PX = 300;

type Watcher = (entry: IntersectionObserverEntry) => void;
const watchers = new WeakMap<Element, Watcher>();
let observer: IntersectionObserver | undefined;

/** One observer for every waiting reply: a few hundred observers cost more than one watching a few hundred targets. */
function sharedObserver(): IntersectionObserver {
  return (observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) if (entry.isIntersecting) watchers.get(entry.target)?.(entry);
    },
    { rootMargin: `${AHEAD_PX}px 0px` },
  ));
}

const inView = (rect: DOMRect) => rect.bottom > 0 && rect.top < window.innerHeight;

/**
 * The replies a list put in the page in one commit, checked once the list has put its scroll where
 * it will be (a reload or an opened conversation goes to its end): checked before that, the first
 * replies would look in view and draw their markdown for nothing, and the last would wait a frame.
 * The list's layout effect runs after its replies', so it calls `check` after its scroll.
 */
export class NearViewportChecks {
  private pending = new Set<() => void>();
  add(check: () => void) {
    this.pending.add(check);
  }
  remove(check: () => void) {
    this.pending.delete(check);
  }
  check() {
    const checks = [...this.pending];
    this.pending.clear();
    for (const check of checks) check();
  }
}
export const NearViewportChecksContext = createContext<NearViewportChecks | null>(null);

/**
 * Whether the element has come near the viewport (then it stays so): what a long conversation's
 * replies wait for before drawing their markdown. A switch to another version, a reload or a
 * conversation opened from History puts up to a hundred replies in the page, of which the reader
 * sees two or three; parsing the others' markdown was most of the time those took.
 *
 * Checked before the first paint (a layout effect; in a list, once the list has scrolled: see
 * NearViewportChecks), so a reply in view never shows its plain text; the rest are watched. When a
 * reply above the viewport (the reader scrolling up) changes height as it draws, the browser's
 * scroll anchoring keeps what is read in place (the list allows it unless a reply streams).
 * `enabled` false: near from the start (a streaming reply, a compare column's own scroll box).
 */
export function useNearViewport(ref: RefObject<HTMLElement | null>, enabled: boolean): boolean {
  const [near, setNear] = useState(!enabled);
  // Once drawn in full (a reply that streamed in, then finished) it stays so: drawing it plain for a moment would only flicker.
  if (!enabled && !near) setNear(true);
  const waiting = enabled && !near;
  const checks = useContext(NearViewportChecksContext);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!waiting || !element) return;
    const check = () => {
      if (inView(element.getBoundingClientRect())) setNear(true);
    };
    if (checks) checks.add(check);
    else check();
    watchers.set(element, () => setNear(true));
    const observer = sharedObserver();
    observer.observe(element);
    return () => {
      checks?.remove(check);
      observer.unobserve(element);
      watchers.delete(element);
    };
  }, [ref, waiting, checks]);

  return near || !enabled;
}

/** A reply column's characters per line and line height at the page's width, for a rough height. */
const CHARS_PER_LINE = 90;
const LINE_PX = 24;
/** The reply's padding and its row of numbers and buttons. */
const CHROME_PX = 64;

/**
 * A reply waiting for its markdown: the browser skips its layout and paint while it is off screen
 * (a switch or a reload lays out two or three replies, not a hundred), standing in at a height
 * estimated from its text until it is first drawn, then at the height it had (`auto`).
 */
export function waitingStyle(text: string): CSSProperties {
  let lines = 0;
  for (const line of text.split("\n")) lines += Math.max(1, Math.ceil(line.length / CHARS_PER_LINE));
  return { contentVisibility: "auto", containIntrinsicSize: `auto ${lines * LINE_PX + CHROME_PX}px` };
}
