/**
 * The conversations the `conversations` bench writes into the page, built here, deterministically,
 * so the bench knows what each switch, reload and search must show:
 * - a conversation of 500 messages across 50 branches, as lib/tree/conversation-tree.ts keeps it:
 *   a 100-message path (50 exchanges) and 49 other versions (regenerated replies, edited
 *   messages), 8–9 messages each, forked along the whole path, some messages with three versions;
 * - a history of 1,000 conversations as lib/store/history/conversation-history.ts keeps them:
 *   mostly short, some long, a few of hundreds of messages with branches of their own.
 * Replies are markdown as a model writes it: paragraphs, lists, headings, code fences, some math.
 */
import { DEFAULT_PARAMS } from "../lib/params";
import type { MessageTree } from "../lib/store/conversation-store";
import { followPath, pathOf, treeOf } from "../lib/tree/conversation-tree";
import { listingOf, searchTextOf, type ConversationListing, type SavedConversation } from "../lib/store/history/conversation-listing";
import type { UiMessage } from "../lib/store/ui-message";

export function random(seed: number): () => number {
  // mulberry32
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Next = () => number;
const pick = <T>(next: Next, xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
const between = (next: Next, min: number, max: number) => min + Math.floor(next() * (max - min + 1));

const SUBJECTS = [
  "the Docker image of our Next.js app",
  "a Postgres query that got slow after the migration",
  "the Kubernetes deployment that keeps restarting",
  "our invoice PDF generator",
  "a regex for European VAT numbers",
  "the React form that re-renders on every keystroke",
  "a Python script that parses server logs",
  "the onboarding email sequence",
  "a cover letter for a data engineer role",
  "the quarterly sales report",
  "a sonnet about the sea",
  "the recursion in my tree walker",
  "latency spikes in the payments API",
  "a bash one-liner to rename photos",
  "my sourdough starter",
  "the Terraform module for our VPC",
  "a lesson plan on fractions",
  "the Rust borrow checker error in my parser",
  "unit tests for the billing service",
  "a translation of our privacy policy into German",
  "the CSS grid layout of the dashboard",
  "a marathon training plan",
  "the GraphQL schema for orders",
  "a product description for noise-cancelling headphones",
  "the memory leak in our Node worker",
  "an SQL report of monthly churn",
  "the Swift UI list that stutters when scrolling",
  "a birthday speech for my grandmother",
  "our incident postmortem template",
  "the Kafka consumer lag",
  "a logistic regression on survey data",
  "the Excel formula for tiered commissions",
  "a short story about a lighthouse keeper",
  "the OAuth callback that fails in Safari",
  "a study plan for the AWS exam",
  "the Go service's goroutine leak",
  "a recipe for a vegan lasagne",
  "the nginx config for websockets",
  "a job description for a support lead",
  "the probability puzzle about three doors",
];
const OPENERS = ["Can you help me with", "I need advice on", "Please review", "Explain what is wrong with", "Help me improve", "I'm stuck on", "Write a first draft for", "What would you change in", "Give me a plan for", "Quick question about"];
const DETAILS = [
  " It worked fine last week and nobody changed anything, as far as I know.",
  " I've attached what I have so far; be blunt.",
  " Keep it short, I need to send it today.",
  " The team disagrees about the approach, so please list the trade-offs.",
  " I'm new to this, so explain the terms you use.",
  "",
  " We're on a tight budget.",
  " It has to work on older phones too.",
];
const FOLLOW_UPS = [
  "That helped. Can you make it shorter?",
  "What about the edge case where the input is empty?",
  "Could you show the same thing in Python instead?",
  "Why does the second step matter? It seems redundant.",
  "OK, and how would I test that?",
  "Now turn that into a checklist I can paste into the ticket.",
  "Can you explain the math behind it?",
  "I tried it and got a different result. The numbers are below.",
  "Make it friendlier, the audience is not technical.",
  "What are the risks if we ship this on Friday?",
  "Rewrite it in the voice of our brand guide: warm, direct, no jargon.",
  "Compare that with the approach we use today.",
];
const SENTENCES = [
  "The short answer is that the cost comes from doing the same work twice.",
  "Start by measuring it, because the slow part is rarely the one people suspect.",
  "This is a common problem, and it usually has a simple cause.",
  "There are two reasonable ways to do this, and they differ mostly in how they fail.",
  "Keep the first version boring: it is easier to change a simple thing than a clever one.",
  "If you only change one thing, change the order of the steps.",
  "The numbers you gave suggest the limit is the network, not the CPU.",
  "Most of the time goes into parsing, which happens once per request.",
  "A cache helps here, but only if the key includes everything the result depends on.",
  "Be careful with time zones: the report groups by the server's day, not the customer's.",
  "The error message is misleading; the real problem is two lines earlier.",
  "Write the test first, so you know when you are done.",
  "Readers skim, so put the decision in the first sentence.",
  "The tone works, but the second paragraph repeats the first.",
  "You can leave the defaults alone for now and revisit them once you have data.",
  "In practice the difference is small unless the table grows past a few million rows.",
  "That trade-off is worth it when the input is untrusted.",
  "A smaller base image removes most of the size without changing the build.",
  "Ask the person who owns the service before you change the retry policy.",
  "The pattern is easier to read if each step has a name.",
];
const LIST_ITEMS = [
  "Check the logs for the first error, not the last one",
  "Pin the versions you depend on",
  "Add an index on the column you filter by",
  "Move the expensive call out of the loop",
  "Keep secrets out of the image",
  "Name things after what they mean, not how they work",
  "Set a timeout on every network call",
  "Cut the introduction to one sentence",
  "Use the customer's words, not ours",
  "Measure before and after the change",
  "Split the function where the comment says *and then*",
  "Prefer `const` and small pure functions",
  "Retry with backoff, and give up eventually",
  "Document the one decision that surprised you",
];
const CODE_BLOCKS = [
  "```ts\nexport async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  const timeout = new Promise<never>((_, reject) => {\n    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);\n  });\n  try {\n    return await Promise.race([work, timeout]);\n  } finally {\n    clearTimeout(timer);\n  }\n}\n```",
  "```sql\nSELECT date_trunc('month', cancelled_at) AS month,\n       count(*) FILTER (WHERE plan = 'pro') AS pro,\n       count(*) AS total\nFROM subscriptions\nWHERE cancelled_at >= now() - interval '1 year'\nGROUP BY 1\nORDER BY 1;\n```",
  "```python\nimport re\nfrom collections import Counter\n\npattern = re.compile(r\"(?P<ip>\\d+\\.\\d+\\.\\d+\\.\\d+) .* \\\"(?P<method>GET|POST) (?P<path>\\S+)\")\ncounts = Counter()\nwith open(\"access.log\") as log:\n    for line in log:\n        if m := pattern.search(line):\n            counts[m[\"path\"]] += 1\nprint(counts.most_common(10))\n```",
  "```dockerfile\nFROM node:22-slim AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\nFROM node:22-slim\nWORKDIR /app\nCOPY --from=build /app/.next/standalone ./\nCMD [\"node\", \"server.js\"]\n```",
  "```bash\nfor f in *.JPG; do\n  d=$(exiftool -d '%Y-%m-%d_%H%M%S' -DateTimeOriginal -s3 \"$f\")\n  mv -n \"$f\" \"${d}.jpg\"\ndone\n```",
  "```rust\nfn longest<'a>(a: &'a str, b: &'a str) -> &'a str {\n    if a.len() >= b.len() { a } else { b }\n}\n```",
  "```\nkubectl describe pod api-7d9f8 | grep -A5 'Last State'\nkubectl logs api-7d9f8 --previous\n```",
];
const MATH = [
  "The expected value is $E[X] = \\sum_i p_i x_i$, so a 2% change in $p$ moves it by about $0.02 \\cdot x$.",
  "With $n$ samples the standard error is \\(\\sigma / \\sqrt{n}\\), which is why doubling the sample size helps less than you'd hope.",
  "$$\nP(\\text{win} \\mid \\text{switch}) = 1 - \\frac{1}{3} = \\frac{2}{3}\n$$",
  "The model is \\[\\log \\frac{p}{1-p} = \\beta_0 + \\beta_1 x_1 + \\beta_2 x_2\\] and each coefficient is a change in log-odds.",
];
const HEADINGS = ["## What to change", "## Why it happens", "### Steps", "## A simpler version", "### Trade-offs", "## Next steps"];

function paragraph(next: Next, subject?: string): string {
  const count = between(next, 2, 5);
  const sentences = Array.from({ length: count }, () => pick(next, SENTENCES));
  if (subject && next() < 0.5) sentences.splice(1, 0, `For ${subject}, that means looking at the parts that run on every request first.`);
  return sentences.join(" ");
}

/** A reply of about `chars` characters of markdown; `first` is its first line (plain text, so a bench can find it on the page). */
function reply(next: Next, chars: number, first: string, subject: string): string {
  const parts = [first];
  let length = first.length;
  while (length < chars) {
    const r = next();
    const part =
      r < 0.45
        ? paragraph(next, subject)
        : r < 0.65
          ? Array.from({ length: between(next, 3, 6) }, (_, i) => (next() < 0.5 ? `${i + 1}. ` : "- ") + pick(next, LIST_ITEMS) + ".").join("\n")
          : r < 0.75
            ? pick(next, HEADINGS)
            : r < 0.88
              ? pick(next, CODE_BLOCKS)
              : r < 0.92
                ? pick(next, MATH)
                : `> ${pick(next, SENTENCES)}`;
    parts.push(part);
    length += part.length + 2;
  }
  return parts.join("\n\n");
}

const replyLength = (next: Next) => {
  const r = next();
  return r < 0.7 ? between(next, 400, 1500) : r < 0.95 ? between(next, 1500, 3500) : between(next, 3500, 7000);
};

function userText(next: Next, subject: string, opening: boolean): string {
  const text = opening ? `${pick(next, OPENERS)} ${subject}?${pick(next, DETAILS)}` : pick(next, FOLLOW_UPS);
  // Now and then a pasted log or draft.
  return next() < 0.1 ? `${text}\n\n${Array.from({ length: between(next, 4, 20) }, () => pick(next, SENTENCES)).join(" ")}` : text;
}

const MODELS = ["mistralai/Mixtral-8x7B-Instruct-v0.1", "mixtral-8x7b-instruct", "demo", "mistral-small-latest"];
const SYSTEM_MESSAGES = ["You are a helpful assistant.", "You are a senior engineer. Answer precisely and say when you are unsure.", "You are a friendly writing coach. Keep answers short."];

interface Ids {
  next: Next;
  seq: number;
}
const newId = (ids: Ids) => `m${(ids.seq++).toString(36)}-${Math.floor(ids.next() * 1e9).toString(36)}`;

function userMessage(ids: Ids, content: string): UiMessage {
  return { id: newId(ids), role: "user", content };
}

function assistantMessage(ids: Ids, content: string, model: string): UiMessage {
  const next = ids.next;
  const completionTokens = Math.round(content.length / 4);
  const totalMs = Math.round(completionTokens * (20 + next() * 30));
  return {
    id: newId(ids),
    role: "assistant",
    content,
    state: "done",
    finishReason: "stop",
    generation: { systemMessage: pick(next, SYSTEM_MESSAGES), params: { ...DEFAULT_PARAMS, temperature: Math.round(next() * 10) / 10, seed: between(next, 1, 1e6) }, model },
    usage: { promptTokens: between(next, 40, 6000), completionTokens },
    metrics: { timeToFirstTokenMs: between(next, 150, 900), totalMs, tokensPerSecond: Math.round((completionTokens / (totalMs / 1000)) * 10) / 10 },
  };
}

/** The `count` messages of a path from position `depth` on (even positions are the user's), about `subject`. */
function messagesFrom(ids: Ids, depth: number, count: number, subject: string, model: string, firstLine: (i: number) => string): UiMessage[] {
  return Array.from({ length: count }, (_, i) => {
    const at = depth + i;
    return at % 2 === 0 ? userMessage(ids, userText(ids.next, subject, at === 0)) : assistantMessage(ids, reply(ids.next, replyLength(ids.next), firstLine(at), subject), model);
  });
}

export interface BranchyConversation {
  id: string;
  tree: MessageTree;
  /** The shown path, as seeded. */
  trunk: UiMessage[];
  /** Each fork: the position on the trunk whose message has other versions, and each other version's path from there (oldest first). */
  forks: { depth: number; versions: UiMessage[][] }[];
}

export const BRANCHY = { messages: 500, branches: 50, trunk: 100, forkPoints: 35 } as const;

/** 500 messages across 50 branches: a 100-message path with 49 other versions forked along it. */
export function branchyConversation(): BranchyConversation {
  const ids: Ids = { next: random(7), seq: 0 };
  const subject = SUBJECTS[11];
  const model = MODELS[0];
  const trunk = messagesFrom(ids, 0, BRANCHY.trunk, subject, model, (at) => `Reply ${at + 1} of the first version.`);
  const otherVersions = BRANCHY.branches - 1;
  const branchMessages = BRANCHY.messages - BRANCHY.trunk;
  let made = 0;
  // 400 messages in 49 versions: 8 each, 9 for the first few.
  const versionLength = () => Math.floor(branchMessages / otherVersions) + (made++ < branchMessages % otherVersions ? 1 : 0);
  const forks = Array.from({ length: BRANCHY.forkPoints }, (_, f) => {
    // Spread along the whole path, from the second message to the third-to-last.
    const depth = 1 + Math.round((f * (BRANCHY.trunk - 4)) / (BRANCHY.forkPoints - 1));
    // Two fork points in five have a third version (35 + 14 = 49 other versions).
    const count = f % 5 === 0 || f % 5 === 2 ? 2 : 1;
    const versions = Array.from({ length: count }, (_, v) => messagesFrom(ids, depth, versionLength(), subject, model, (at) => `Reply ${at + 1} of version ${v + 2} from message ${depth + 1}.`));
    return { depth, versions };
  });
  let tree = treeOf(trunk);
  for (const fork of forks) for (const version of fork.versions) tree = followPath(tree, [...trunk.slice(0, fork.depth), ...version]);
  // Shown: the first version all the way (each fork's other versions keep their own paths).
  tree = followPath(tree, trunk);
  const count = Object.keys(tree.nodes).length;
  if (count !== BRANCHY.messages || forks.reduce((n, f) => n + f.versions.length, 0) !== otherVersions) throw new Error(`conversation bench: built ${count} messages, not ${BRANCHY.messages}`);
  if (pathOf(tree).length !== BRANCHY.trunk) throw new Error("conversation bench: the shown path is not the first version");
  return { id: "bench-branchy-conversation", tree, trunk, forks };
}

// ---- History ----

export const HISTORY_SIZE = 1000;

/** How many messages a conversation of the history has: most are short, some long, a few very long. */
function historyLength(next: Next): number {
  const r = next();
  if (r < 0.55) return 2 * between(next, 1, 3);
  if (r < 0.85) return 2 * between(next, 4, 10);
  if (r < 0.96) return 2 * between(next, 10, 30);
  if (r < 0.99) return 2 * between(next, 30, 100);
  return 2 * between(next, 100, 200);
}

export interface History {
  conversations: SavedConversation[];
  listings: ConversationListing[];
  texts: Record<string, string>;
}

/** 1,000 conversations over the past year, as the app saves them (a tenth with regenerated replies or edits). */
export function history(also: SavedConversation[] = []): History {
  const next = random(1000);
  const ids: Ids = { next, seq: 0 };
  const conversations: SavedConversation[] = [...also];
  const now = Date.UTC(2026, 10, 30);
  for (let i = conversations.length; i < HISTORY_SIZE; i++) {
    const subject = SUBJECTS[(i * 7 + Math.floor(next() * 3)) % SUBJECTS.length];
    const model = pick(next, MODELS);
    const length = historyLength(next);
    const path = messagesFrom(ids, 0, length, subject, model, () => pick(next, SENTENCES));
    let tree = treeOf(path);
    if (next() < 0.1) {
      // Versions: a regenerated reply or an edited question somewhere, with what followed it.
      for (let b = between(next, 1, Math.max(1, length / 10)); b > 0; b--) {
        const depth = between(next, 0, length - 1);
        tree = followPath(tree, [...path.slice(0, depth), ...messagesFrom(ids, depth, between(next, 1, 6), subject, model, () => pick(next, SENTENCES))]);
      }
      tree = followPath(tree, path);
    }
    conversations.push({ id: `c${i.toString().padStart(4, "0")}-${Math.floor(next() * 1e9).toString(36)}`, tree, model, updatedAt: new Date(now - Math.floor(next() * 365 * 86_400_000)).toISOString() });
  }
  const texts: Record<string, string> = {};
  for (const c of conversations) texts[c.id] = searchTextOf(c.tree);
  return { conversations, listings: conversations.map((c) => listingOf(c)), texts };
}
