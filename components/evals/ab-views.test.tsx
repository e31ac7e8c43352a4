import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { OpenPrompt } from "@/lib/hooks/use-open-prompt";
import { DEFAULT_PARAMS } from "@/lib/params";
import type { Prompt } from "@/lib/prompts/prompt";
import type { SharedBlindAb } from "@/lib/shares/blind-ab-share";
import type { ShareSnapshot } from "@/lib/shares/snapshot";
import { createConversationStore } from "@/lib/store/conversation-store";
import { ConversationProvider } from "../chat/conversation-context";
import { SharedBlindAbResults } from "../share/shared-blind-ab";
import { AbSidesForm } from "./ab-sides-form";
import { AbTally } from "./ab-tally";
import { AbVersionFields, defaultVersionPair } from "./ab-version-fields";
import { AbView } from "./ab-view";
import { SpreadView } from "./spread-view";

const prompt: Prompt = {
  id: "pr_x",
  name: "City guide",
  labels: {},
  versions: [1, 2, 3].map((version) => ({
    version,
    createdAt: `2025-03-0${version}T10:00:00.000Z`,
    ...(version === 2 ? { note: "warmer" } : {}),
    systemMessage: "Guide.",
    messages: [],
    params: DEFAULT_PARAMS,
    variables: [],
  })),
};
const opened = { id: prompt.id, name: prompt.name, version: 3 };
const openWith = (patch: Partial<OpenPrompt>): OpenPrompt => ({ opened, prompt, loading: false, error: null, ...patch });
const onlyOne: Prompt = { ...prompt, versions: prompt.versions.slice(0, 1) };

/** The view as the page has it: a conversation whose last message is `message`, and the query client. */
function inPage(message: string, view: ReactNode) {
  const store = createConversationStore({ settings: () => ({ systemMessage: "", params: DEFAULT_PARAMS }) });
  store.getState().load([{ id: "u1", role: "user", content: message }]);
  return renderToStaticMarkup(
    <QueryClientProvider client={new QueryClient()}>
      <ConversationProvider store={store}>{view}</ConversationProvider>
    </QueryClientProvider>,
  );
}

describe("blind A/B with prompt versions, rendered", () => {
  it("two labelled selects list the open prompt's versions, newest first, with number, note and date; the newest two are picked", () => {
    const open = openWith({});
    const pair = defaultVersionPair(open.prompt);
    expect(pair).toEqual([2, 3]);
    expect(defaultVersionPair(onlyOne)).toBeNull();
    expect(defaultVersionPair(null)).toBeNull();
    const html = renderToStaticMarkup(<AbVersionFields open={open} picked={pair} onPicked={() => {}} />);
    expect(html).toContain("Two versions of “City guide”");
    expect(html).toMatch(/<span class="text-xs">First version<\/span><select[^>]*>/);
    expect(html).toMatch(/<span class="text-xs">Second version<\/span><select[^>]*>/);
    expect(html).not.toMatch(/<select[^>]*disabled/);
    expect(html.indexOf("Version 3 (2025-03-03)")).toBeLessThan(html.indexOf("Version 2 (warmer, 2025-03-02)"));
    expect(html).toMatch(/<option value="version-2" selected="">Version 2 \(warmer, 2025-03-02\)/);
  });

  it("the selects are disabled with the reason in words when no saved prompt is open, or it has one version", () => {
    for (const [open, reason] of [
      [openWith({ opened: null, prompt: null }), "No saved prompt is open: open one with two or more versions (Prompts, then Open) to compare its versions."],
      [openWith({ prompt: onlyOne }), "“City guide” has one version: save another (Save prompt) to compare two."],
      [openWith({ prompt: null, loading: true }), "Reading “City guide” from the prompt library…"],
      [openWith({ prompt: null }), "“City guide” is no longer in the prompt library."],
    ] as const) {
      const html = renderToStaticMarkup(<AbVersionFields open={open} picked={null} onPicked={() => {}} />);
      expect(html.match(/<select[^>]*disabled=""/g)).toHaveLength(2);
      expect(html).toContain(reason);
      // Each select is described by the reason.
      const why = html.match(/<p id="([^"]+)"[^>]*>[^<]*(No saved|has one|Reading|no longer)/)![1];
      expect(html.match(new RegExp(`<select[^>]*aria-describedby="[^"]*${why}`, "g"))).toHaveLength(2);
    }
  });

  it("the sides are chosen with two labelled radios: Settings (as before) or Prompt versions", () => {
    const props = { onMode() {}, panel: DEFAULT_PARAMS, edited: DEFAULT_PARAMS, onEdited() {}, open: openWith({}), picked: [2, 3] as const, onPicked() {} };
    const settings = renderToStaticMarkup(<AbSidesForm mode="settings" {...props} />);
    expect(settings).toContain("<legend class=\"mb-1 font-medium\">Compare</legend>");
    expect(settings).toMatch(/<input type="radio"[^>]*checked=""[^>]*value="settings"\/><span>Settings<\/span>/);
    expect(settings).toContain("Setting 2: an edited copy");
    const versions = renderToStaticMarkup(<AbSidesForm mode="versions" {...props} />);
    expect(versions).toMatch(/checked=""[^>]*value="versions"\/><span>Prompt versions<\/span>/);
    expect(versions).toContain("First version");
    expect(versions).not.toContain("Setting 2: an edited copy");
  });

  const versions = {
    prompt: "City guide",
    sides: [
      { version: 2, note: "warmer", systemMessage: "Be warm.", turns: [] },
      { version: 3, systemMessage: "Be warm and brief.", turns: [] },
    ],
  } satisfies SharedBlindAb["versions"];
  const rounds = [
    { index: 0, seed: 4, aIs: 1 as const, pick: "A" as const },
    { index: 1, seed: 5, aIs: 0 as const, pick: "tie" as const },
  ];

  it("the reveal names the sides by version and shows what differs: the System Message word by word, the parameters", () => {
    const html = renderToStaticMarkup(<AbTally results={{ message: "Hi", systemMessage: "Be warm.", settings: [DEFAULT_PARAMS, { ...DEFAULT_PARAMS, topP: 1 }], rounds, versions }} />);
    expect(html).toMatch(/Version 2 \(warmer\)<\/th><td>won 0/);
    expect(html).toMatch(/Version 3<\/th><td>won 1 \(50%\)/);
    expect(html).toContain("The versions differ in System Message, Top P (0.9 vs 1).");
    expect(html).toMatch(/<ins[^>]*>[^<]*brief<\/ins>/);
    expect(html).toMatch(/<td class="pr-4">Version 3<\/td><td class="pr-4">A is better<\/td><td>Version 3<\/td>/);
  });

  const snapshot = (blindAb: SharedBlindAb, messages: ShareSnapshot["messages"]): ShareSnapshot => ({
    version: 1,
    provider: "local",
    model: "demo",
    isDemo: true,
    systemMessage: "Be warm.",
    params: DEFAULT_PARAMS,
    messages,
    prices: null,
    blindAb,
  });

  it("the share page renders a share made before versions as two settings, and one of versions by their names", () => {
    const old: SharedBlindAb = { settings: [DEFAULT_PARAMS, { ...DEFAULT_PARAMS, temperature: 1.5 }], rounds };
    const before = renderToStaticMarkup(<SharedBlindAbResults snapshot={snapshot(old, [{ role: "user", content: "Name a river" }])} blindAb={old} />);
    expect(before).toContain("The two settings");
    expect(before).toMatch(/<th scope="col" class="pr-4 font-medium">Setting 1<\/th>/);
    expect(before).toContain("The settings differ in Temperature (0.7 vs 1.5).");
    expect(before).toContain("Be warm.");

    const blindAb: SharedBlindAb = {
      settings: [DEFAULT_PARAMS, { ...DEFAULT_PARAMS, topP: 1 }],
      rounds,
      versions: { ...versions, sides: [{ ...versions.sides[0], turns: [{ role: "user", content: "Earlier turn" }] }, versions.sides[1]] },
    };
    const html = renderToStaticMarkup(<SharedBlindAbResults snapshot={snapshot(blindAb, [{ role: "user", content: "Earlier turn" }, { role: "user", content: "Name a river" }])} blindAb={blindAb} />);
    expect(html).toContain("Two versions of the prompt “City guide”: <strong>Version 2 (warmer)</strong> and <strong>Version 3</strong>.");
    expect(html).toContain("The two versions&#x27; parameters");
    expect(html).toMatch(/<th scope="col" class="pr-4 font-medium">Version 2 \(warmer\)<\/th>/);
    expect(html).toContain("differs between the versions (below)");
    expect(html).toContain("The versions differ in System Message, Message 1 (user), Top P (0.9 vs 1).");
    // The turns differ, so the list holds only the message judged; the turns are in the diff.
    const judged = html.slice(html.indexOf('aria-label="Message judged"'), html.indexOf("</ol>"));
    expect(judged).toContain("Name a river");
    expect(judged).not.toContain("Earlier turn");
    expect(html).toMatch(/<del[^>]*>Earlier turn<\/del>/);
  });
});

describe("runs outside the chat are blocked by a variable without a value, as Send is", () => {
  it("sample spread: Run is disabled, says which variable in Send's words, and offers its field", () => {
    const html = inPage("Describe {{topic}} in a {{tone}} tone", <SpreadView onDone={() => {}} />);
    expect(html).toContain("Fill in the variables first: topic, tone.");
    expect(html).toMatch(/<button type="submit" class="btn-primary" disabled=""[^>]*aria-describedby="[^"]*-blocked /);
    expect(html).toMatch(/<section aria-labelledby="[^"]+"[^>]*><h3[^>]*>Variables<\/h3>/);
    expect(html).toMatch(/<label[^>]*>topic<\/label>/);
    expect(html).toContain("Needs a value");
  });

  it("sample spread: nothing is said, and Run is enabled, when the message has no variable", () => {
    const html = inPage("Describe the sea", <SpreadView onDone={() => {}} />);
    expect(html).not.toContain("Fill in the variables first");
    expect(html).toMatch(/<button type="submit" class="btn-primary"(?![^>]*disabled)[^>]*>Run<\/button>/);
  });

  it("blind A/B: Start is disabled and says which variable, in Send's words", () => {
    const html = inPage("Plan a day in {{city}}", <AbView />);
    expect(html).toContain("Fill in the variables first: city.");
    expect(html).toMatch(/<button type="button" class="btn-primary" disabled="" aria-describedby="[^"]+-why">Start<\/button>/);
    const ready = inPage("Plan a day in Rome", <AbView />);
    expect(ready).not.toContain("Fill in the variables first");
    expect(ready).toMatch(/<button type="button" class="btn-primary">Start<\/button>/);
  });
});
