/**
 * How often the playground page shows streamed text. 20 updates a second read as smooth, and each
 * one costs the browser a render and a frame (bench/rendering.ts). /api/chat hands over its batches
 * at the same pace, so the page is not woken to read, parse and apply events it cannot show yet
 * (measured on a 2-core machine: a 6,000-token reply at 200 tokens/s kept chromium's main thread
 * 31% busy with a network read per token, 19% with one per 50 ms). The first text and the end of a
 * reply are never held.
 */
export const PAGE_UPDATE_INTERVAL_MS = 50;
