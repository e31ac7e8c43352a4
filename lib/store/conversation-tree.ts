/**
 * The tree moved down to lib/tree (share snapshots, a lower layer, check and walk it too). This
 * path stays for bench/conversation-data.ts; import from lib/tree in new code.
 */
export * from "../tree/conversation-tree";
