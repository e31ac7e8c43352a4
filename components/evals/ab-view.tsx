"use client";
import { useId, useMemo, useState } from "react";
import { collectReply } from "@/lib/client/collect-reply";
import type { ChatRequestBody } from "@/lib/client/chat-stream";
import { clampRounds, MAX_ROUNDS, MIN_ROUNDS, planAbRounds, roundParams, settingShownAs, type AbPick, type SettingIndex } from "@/lib/evals/blind-ab";
import { useCapabilities } from "@/lib/hooks/use-models";
import { useOpenPrompt } from "@/lib/hooks/use-open-prompt";
import { useRunScheduler } from "@/lib/hooks/use-run-scheduler";
import { SEED_PARAM, type SamplingParams } from "@/lib/params";
import { prepareAb, type AbMode } from "@/lib/store/ab-request";
import { lastUserMessage, panelSettings } from "@/lib/store/eval-request";
import { usePromptSessionStore } from "@/lib/store/prompt-session-store";
import { useConversationStoreApi } from "../chat/conversation-context";
import { VariablesPanel } from "../prompts/variables-panel";
import { AbReveal, type AbRevealed } from "./ab-reveal";
import { AbRoundView } from "./ab-round";
import { AbSidesForm } from "./ab-sides-form";
import { defaultVersionPair, versionsUnavailable } from "./ab-version-fields";
import { SpreadMessageField } from "./spread-message-field";
import { SpreadProgress } from "./spread-progress";
import { SpreadSeedFields } from "./spread-seed-fields";

interface AbCell {
  id: string;
  round: number;
  setting: SettingIndex;
  body: ChatRequestBody;
}

type AbRun = AbRevealed & { cells: AbCell[] };

const randomSeed = () => Math.floor(Math.random() * SEED_PARAM.max);
const cellId = (round: number, setting: SettingIndex) => `r${round}-s${setting}`;
const streamCell = (cell: AbCell, signal: AbortSignal) => collectReply(cell.body, signal);
const DEFAULT_CONCURRENCY = 4;

/**
 * "Blind A/B": two settings (the panel's and an edited copy) or two saved versions of the open
 * prompt, round after round on one message. Every round's replies are generated up front (queued
 * within the upstream's concurrent streams), so the next pair is usually ready when the person has
 * judged this one.
 */
export function AbView() {
  const id = useId();
  const conversation = useConversationStoreApi();
  const [source] = useState(() => lastUserMessage(conversation.getState().messages));
  const [text, setText] = useState(source.text);
  const [withEarlier, setWithEarlier] = useState(source.earlier.length > 0);
  // The panel cannot change while this modal view is open: it is read once, when the view opens.
  const [panel] = useState(() => panelSettings());
  const [edited, setEdited] = useState<SamplingParams>(() => ({ ...panel.params }));
  const [mode, setMode] = useState<AbMode>("settings");
  const open = useOpenPrompt();
  const [pickedState, setPicked] = useState<[number, number] | null>(null);
  // Until the person picks, the newest two (known once the open prompt has been read); kept
  // between renders, so the sides are prepared again only when something they depend on changes.
  const defaultPair = useMemo(() => defaultVersionPair(open.prompt), [open.prompt]);
  const picked = pickedState ?? defaultPair;
  const [roundsDraft, setRoundsDraft] = useState("5");
  const [baseSeed, setBaseSeed] = useState(() => panel.params.seed ?? randomSeed());
  const [run, setRun] = useState<AbRun | null>(null);
  const [current, setCurrent] = useState(0);
  const [revealed, setRevealed] = useState(false);
  const capabilities = useCapabilities();
  const seedsSupported = capabilities?.seed !== false;
  const { scheduler, snapshot } = useRunScheduler<AbCell>(streamCell, capabilities?.concurrentStreams ?? DEFAULT_CONCURRENCY);
  const busy = run !== null && !revealed;

  // The values typed in the page's Variables (also here, below), live: a filled one unblocks Start.
  const specs = usePromptSessionStore((s) => s.specs);
  const values = usePromptSessionStore((s) => s.values);
  const message = text.trim();
  const ready = useMemo(
    () => prepareAb({ mode, message, earlier: withEarlier ? source.earlier : [], panel, edited, prompt: open.prompt, picked }, { specs, values }),
    [mode, message, withEarlier, source, panel, edited, open.prompt, picked, specs, values],
  );
  const unavailable = mode === "versions" ? versionsUnavailable(open) : null;
  const why = !message ? "Type the message to judge." : (unavailable ?? ready.why);

  const start = () => {
    const prepared = ready.prepared;
    if (why || !prepared) return;
    const count = clampRounds(Number(roundsDraft));
    setRoundsDraft(String(count));
    const { requests } = prepared;
    const params: [SamplingParams, SamplingParams] = [requests[0].params, requests[1].params];
    const rounds = planAbRounds(count, seedsSupported ? baseSeed : null);
    const cells = rounds.flatMap((round) => ([0, 1] as const).map((setting) => ({ id: cellId(round.index, setting), round: round.index, setting, body: { ...requests[setting], params: roundParams(params[setting], round) } })));
    setRun({
      message,
      systemMessage: requests[0].systemMessage,
      ...(requests[0].model ? { model: requests[0].model } : {}),
      sharedMessages: prepared.sharedMessages(),
      params,
      ...(prepared.versions ? { versions: prepared.versions } : {}),
      rounds,
      cells,
    });
    setCurrent(0);
    setRevealed(false);
    scheduler.start(cells);
  };

  const pick = (value: AbPick) => setRun((r) => (r ? { ...r, rounds: r.rounds.map((round) => (round.index === current ? { ...round, pick: value } : round)) } : r));

  const reveal = () => {
    // Nothing more is judged: replies still to come would only cost tokens.
    scheduler.stop();
    setRevealed(true);
  };

  const next = () => {
    if (!run) return;
    if (current + 1 >= run.rounds.length) reveal();
    else setCurrent(current + 1);
  };

  const round = run?.rounds[current];

  return (
    <div className="space-y-4">
      <p className="text-sm text-muted">
        Each round sends the message with both sides (two settings, or two saved versions of the open prompt) and the same seed (a new seed each round), then shows the two
        replies as A and B in an order drawn for that round. Pick the better one or a tie; which side was which is revealed at the end.
      </p>
      {!busy ? (
        <form
          className="space-y-3"
          aria-label="Blind A/B set-up"
          // Enter in Setting 2's fields commits that field (compare mode's fields); it must not start
          // the test too. With no submit button, the browser submits nothing on Enter.
          onSubmit={(e) => e.preventDefault()}
        >
          <SpreadMessageField
            text={text}
            onText={setText}
            // A version sends its own saved turns before the message, not the conversation's.
            earlierCount={mode === "settings" ? source.earlier.length : 0}
            withEarlier={withEarlier}
            onWithEarlier={setWithEarlier}
          />
          <AbSidesForm mode={mode} onMode={setMode} panel={panel.params} edited={edited} onEdited={setEdited} open={open} picked={picked} onPicked={setPicked} />
          <div className="flex flex-wrap items-end gap-3 text-sm">
            <label className="flex flex-col gap-0.5">
              <span className="text-xs">Rounds</span>
              <input
                type="number"
                className="w-20 rounded border border-line bg-bg px-2 py-1 tabular-nums"
                min={MIN_ROUNDS}
                max={MAX_ROUNDS}
                step={1}
                value={roundsDraft}
                aria-describedby={`${id}-rounds`}
                onChange={(e) => setRoundsDraft(e.target.value)}
              />
            </label>
            <span id={`${id}-rounds`} className="pb-1.5 text-xs text-muted">
              {MIN_ROUNDS}–{MAX_ROUNDS}
            </span>
          </div>
          <SpreadSeedFields supported={seedsSupported} base={baseSeed} onBase={setBaseSeed} help="Round r sends both sides with seed base + r: the same dice within a round, new ones each round." />
          {/* The same fields as the page's Variables (the same values Send fills in): a missing value can be given here. */}
          <VariablesPanel names={ready.names} missing={ready.missing} />
          <div className="flex flex-wrap items-center gap-2">
            <button type="button" className="btn-primary" disabled={why !== undefined} aria-describedby={why ? `${id}-why` : undefined} onClick={start}>
              {run ? "Start a new test" : "Start"}
            </button>
            {why ? (
              <p id={`${id}-why`} role="status" className="text-xs font-medium text-amber-700 dark:text-amber-300">
                {why}
              </p>
            ) : null}
          </div>
        </form>
      ) : null}

      {run ? (
        <div className="space-y-3">
          <SpreadProgress scheduler={scheduler} snapshot={snapshot} unit="Replies" />
          {!revealed && round ? (
            <>
              <AbRoundView
                round={round}
                total={run.rounds.length}
                sides={{ A: snapshot.cells[cellId(round.index, settingShownAs(round, "A"))], B: snapshot.cells[cellId(round.index, settingShownAs(round, "B"))] }}
                onPick={pick}
                onNext={next}
              />
              <button type="button" className="btn-quiet border border-line" onClick={reveal}>
                Reveal now
              </button>
            </>
          ) : null}
          {revealed ? <AbReveal run={run} /> : null}
        </div>
      ) : null}
    </div>
  );
}
