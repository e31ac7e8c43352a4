/**
 * What a share link holds: everything needed to reproduce the run. Validated with the same
 * schemas as /api/chat, so a snapshot can always be loaded back and sent again.
 */
import { z } from "zod";
import { MAX_MESSAGES, MessageObject, ModelIdSchema, OptionsSchema, ResponseFormatSchema, ToolChoiceSchema, withMessageRules, ParamsSchema, SystemMessageSchema } from "../chat/schema";
import { PROMPT_FILE_CAPS } from "../prompts/caps";
import { VariableSpecSchema } from "../prompts/prompt-file";
import type { Prices } from "../model/pricing";
import type { ProviderKind } from "../providers/types";
import { pathOf } from "../tree/conversation-tree";
import { longestPath, NODE_ID, NODE_ID_RULE, treeStructureIssues } from "../tree/tree-structure";
import { SharedBlindAbSchema, type SharedBlindAb } from "./blind-ab-share";
import { EXPIRY_CHOICES } from "./expiry";
import { MAX_SHARED_TOKENS, SHARED_TOP } from "./shared-logprobs";

/** Bytes of snapshot JSON one link may hold. */
export const MAX_SNAPSHOT_BYTES = 512 * 1024;

const count = z.number().int().min(0).max(100_000_000);
const tokenText = z.string().max(256);
const logprob = z.number().min(-1_000_000).max(0);
/** Per-token probabilities as shares keep them (lib/shares/shared-logprobs: compacted, bounded). */
const SharedLogprobsSchema = z
  .array(z.strictObject({ token: tokenText, logprob, top: z.array(z.strictObject({ token: tokenText, logprob })).max(SHARED_TOP).optional() }))
  .max(MAX_SHARED_TOKENS);
const duration = z.number().min(0).max(86_400_000);

export const SharedMessageSchema = withMessageRules(MessageObject.extend({
  finishReason: z.enum(["stop", "length", "tool_calls", "content_filter", "abort", "other"]).optional(),
  /** Set when the reply ended in an upstream error; the partial text is kept. */
  error: z.string().max(2_000).optional(),
  usage: z.strictObject({ promptTokens: count, completionTokens: count }).optional(),
  metrics: z.strictObject({ timeToFirstTokenMs: duration, totalMs: duration, tokensPerSecond: z.number().min(0).max(1e6).optional() }).optional(),
  /** The server's signature from the reply's finish event (lib/signing). */
  signature: z.string().max(200).optional(),
  /** What the reply was generated with, as sent: the signature covers it. */
  generation: z.strictObject({ systemMessage: SystemMessageSchema, params: ParamsSchema, model: ModelIdSchema.optional() }).optional(),
  /** The JSON form the reply was asked for and the functions offered with it (lib/chat/reply-shaping.ts): the signature covers them. */
  format: ResponseFormatSchema.refine((f) => f.type !== "text", { error: 'format is only kept for "json_object" or "json_schema"' }).optional(),
  offeredTools: z.strictObject({ tools: OptionsSchema.shape.tools.unwrap(), toolChoice: ToolChoiceSchema.optional() }).optional(),
  /** Set by the server at share time, never taken from the client: the signature checks out. */
  verified: z.boolean().optional(),
  logprobs: SharedLogprobsSchema.optional(),
  /** The share holds fewer probabilities than the playground had, to fit the link's size. */
  logprobsTrimmed: z.boolean().optional(),
  /** The reply was continued from this token, which the user chose. */
  continuedAt: z.number().int().min(0).max(MAX_SHARED_TOKENS).optional(),
}));
export type SharedMessage = z.infer<typeof SharedMessageSchema>;

const sharedMessages = z
  .array(SharedMessageSchema, { error: "messages must be a list" })
  .max(MAX_MESSAGES, { error: `at most ${MAX_MESSAGES} messages can be shared` });

/**
 * Messages a share's tree may hold across all its versions. Each path through it still holds at
 * most MAX_MESSAGES, and the whole snapshot at most MAX_SNAPSHOT_BYTES; this bounds the work of
 * checking the tree and verifying every reply in it.
 */
export const MAX_SHARED_TREE_MESSAGES = 1_000;

const nodeId = z.string({ error: "must be a node id" }).regex(NODE_ID, { error: NODE_ID_RULE });
// No cap of their own: the nodes' is the one that counts, and the body's bytes bound the lists.
const nodeIds = z.array(nodeId, { error: "must be a list of node ids" });

/**
 * The conversation with every version (an edit or a regenerate keeps the earlier message as a
 * sibling), as lib/tree/conversation-tree.ts holds it and the conversation file writes it: nodes
 * by id with their parent, children (oldest first) and the child on the shown path.
 */
export const SharedTreeSchema = z
  .strictObject({
    roots: nodeIds,
    activeRoot: nodeId.optional(),
    nodes: z
      .record(nodeId, z.strictObject({ parent: nodeId.nullable(), children: nodeIds, active: nodeId.optional(), message: SharedMessageSchema }), {
        error: (issue) => (issue.code === "invalid_key" ? NODE_ID_RULE : "must be an object of nodes by id"),
      })
      .superRefine((nodes, ctx) => {
        const count = Object.keys(nodes).length;
        // `continue: false`: a tree over the cap is not checked further.
        if (count > MAX_SHARED_TREE_MESSAGES) {
          ctx.addIssue({ code: "custom", message: `${count.toLocaleString("en-US")} messages across all versions: at most ${MAX_SHARED_TREE_MESSAGES.toLocaleString("en-US")} can be shared`, continue: false });
        }
      }),
  })
  .superRefine((tree, ctx) => {
    const issues = treeStructureIssues(tree);
    // `continue: false`: what reads the tree after this (the shown path below) may trust its structure.
    for (const { path, message } of issues) ctx.addIssue({ code: "custom", path, message, continue: false });
    if (issues.length) return;
    const longest = longestPath(tree);
    if (longest > MAX_MESSAGES) {
      ctx.addIssue({ code: "custom", message: `a path through the versions holds ${longest} messages: at most ${MAX_MESSAGES} can be shared`, continue: false });
    }
  });
export type SharedTree = z.infer<typeof SharedTreeSchema>;

/** One column of a shared comparison: its own settings and the messages after the shared ones. */
export const SharedColumnSchema = z.strictObject({
  params: ParamsSchema,
  messages: sharedMessages,
});
export type SharedColumn = z.infer<typeof SharedColumnSchema>;

export const MAX_COMPARE_COLUMNS = 6;

/**
 * A prompt shared as a template: its name, the settings beyond the parameters and its variables.
 * The share's System Message, parameters, model and messages (its template turns) are the prompt's.
 */
export const SharedTemplateSchema = z.strictObject({
  name: z.string({ error: "template.name must be a text" }).min(1, { error: "template.name must not be empty" }).max(PROMPT_FILE_CAPS.name),
  description: z.string().max(PROMPT_FILE_CAPS.description).optional(),
  options: OptionsSchema.optional(),
  variables: z.array(VariableSpecSchema).max(PROMPT_FILE_CAPS.variables),
});
export type SharedTemplate = z.infer<typeof SharedTemplateSchema>;

export const CreateShareBodySchema = z.strictObject({
  /**
   * A random secret this browser keeps (my-shares store) and sends with every create: the same
   * content is deduped to one link only for the same secret, so one creator's link is never handed
   * to another. Only its hash enters the dedupe key; the secret is not stored. Absent: no dedupe.
   */
  creatorSecret: z
    .string({ error: "creatorSecret must be a string" })
    .regex(/^[A-Za-z0-9_-]{22,128}$/, { error: "creatorSecret must be 22 to 128 URL-safe characters" })
    .optional(),
  systemMessage: SystemMessageSchema,
  params: ParamsSchema,
  /** The conversation; in a comparison, the part every column shares (possibly none). */
  messages: sharedMessages,
  /** Present for a comparison: 2 to 6 columns over `messages`, each continuing it with its own settings. */
  columns: z
    .array(SharedColumnSchema, { error: "columns must be a list" })
    .min(2, { error: "a comparison has at least 2 columns" })
    .max(MAX_COMPARE_COLUMNS, { error: `a comparison has at most ${MAX_COMPARE_COLUMNS} columns` })
    .optional(),
  model: ModelIdSchema.optional(),
  /** Present when a prompt is shared as a template (its page offers "Use this prompt"). */
  template: SharedTemplateSchema.optional(),
  /** Present when the other versions are shared too; `messages` is then its shown path. */
  tree: SharedTreeSchema.optional(),
  /** Present for a blind A/B's results: `messages` is the message judged, `params` Setting 1. */
  blindAb: SharedBlindAbSchema.optional(),
  expiresIn: z
    .enum(EXPIRY_CHOICES, { error: "expiresIn must be never, 1d, 7d or 30d" })
    .default("never"),
}).refine((body) => body.template || body.messages.length > 0 || body.columns?.some((c) => c.messages.length > 0), {
  error: "there is nothing to share yet",
  path: ["messages"],
}).superRefine((body, ctx) => {
  if (body.blindAb && (body.columns || body.template || body.tree)) {
    ctx.addIssue({ code: "custom", path: ["blindAb"], message: "blind A/B results are shared on their own, not with a comparison, a template or other versions" });
  }
  if (!body.tree) return;
  if (body.columns || body.template) {
    ctx.addIssue({ code: "custom", path: ["tree"], message: "only a conversation shares its other versions, not a comparison or a template" });
    return;
  }
  // `messages` is what a reader of the share without the tree sees (older pages, other clients): the same conversation.
  const path = pathOf(body.tree);
  // Compared as given, key order too: a reply's JSON schema differing only in property order is another schema.
  if (path.length !== body.messages.length || path.some((m, i) => JSON.stringify(m) !== JSON.stringify(body.messages[i]))) {
    ctx.addIssue({ code: "custom", path: ["messages"], message: "messages must be the tree's shown path (from tree.activeRoot along each node's active child)" });
  }
});
export type CreateShareBody = z.infer<typeof CreateShareBodySchema>;

export interface ShareSnapshot {
  version: 1;
  provider: ProviderKind;
  model: string;
  /** The generated random-weight model wrote the replies: the page says so. */
  isDemo: boolean;
  systemMessage: string;
  params: z.infer<typeof ParamsSchema>;
  messages: SharedMessage[];
  /** A comparison's columns (absent for a plain conversation); `params` above are column 1's. */
  columns?: SharedColumn[];
  /** The prices the playground used for this model when shared; null when none is published. */
  prices: Prices | null;
  /** A prompt shared as a template. */
  template?: SharedTemplate;
  /** Every version of the conversation, each reply verified like those of `messages` (its shown path). */
  tree?: SharedTree;
  /** A blind A/B's results (the message judged is `messages`). */
  blindAb?: SharedBlindAb;
}
