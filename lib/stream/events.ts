/** Moved to lib/chat/events.ts; kept while the browser side moves over. */
export * from "../chat/events";
