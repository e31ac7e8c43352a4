"use client";
import { useId, useState } from "react";
import { collectReply } from "@/lib/client/collect-reply";
import type { ChatRequestBody } from "@/lib/client/chat-stream";
import { abResultsMarkdown, type AbResultsInput } from "@/lib/evals/ab-results-markdown";
import { clampRounds, MAX_ROUNDS, MIN_ROUNDS, planAbRounds, roundParams, settingShownAs, type AbPick, type AbRound, type SettingIndex } from "@/lib/evals/blind-ab";
import { useCapabilities } from "@/lib/hooks/use-models";
import { useRunScheduler } from "@/lib/hooks/use-run-scheduler";
import { SEED_PARAM, type SamplingParams } from "@/lib/params";
import { fillRequest } from "@/lib/prompts/fill-request";
import { shorten } from "@/lib/shares/share-text";
import { lastUserMessage, panelSettings, runHistory, runRequest } from "@/lib/store/eval-request";
import { usePromptSessionStore, variableValues } from "@/lib/store/prompt-session-store";
import type { RequestSettings } from "@/lib/store/reply-request";
import { toSharedMessages } from "@/lib/store/share-mapping";
import type { UiMessage } from "@/lib/store/ui-message";
import { useConversationStoreApi } from "../chat/conversation-context";
import { ShareForm } from "../share/share-dialog";
import { CopyButton } from "../ui/copy-button";
import { AbRoundView } from "./ab-round";
import { AbSettingsForm } from "./ab-settings-form";
import { AbTally } from "./ab-tally";
import { SpreadMessageField } from "./spread-message-field";
import { SpreadProgress } from "./spread-progress";
import { SpreadSeedFields } from "./spread-seed-fields";

interface AbCell {
  id: string;
  round: number;
  setting: SettingIndex;
  body: ChatRequestBody;
}

interface AbRun {
  message: string;
  /** What was sent before the settings' replies (earlier messages kept or not, and the message), unfilled. */
  history: UiMessage[];
  settings: RequestSettings;
  params: [SamplingParams, SamplingParams];
  rounds: AbRound[];
  cells: AbCell[];
}

const randomSeed = () => Math.floor(Math.random() * SEED_PARAM.max);
const cellId = (round: number, setting: SettingIndex) => `r${round}-s${setting}`;
const streamCell = (cell: AbCell, signal: AbortSignal) => collectReply(cell.body, signal);
const DEFAULT_CONCURRENCY = 4;

/**
 * "Blind A/B": the panel's settings against an edited copy, round after round on one message.
 * Every round's replies are generated up front (queued within the upstream's concurrent
 * streams), so the next pair is usually ready when the person has judged this one.
 */
export function AbView() {
  const id = useId();
  const conversation = useConversationStoreApi();
  const [source] = useState(() => lastUserMessage(conversation.getState().messages));
  const [text, setText] = useState(source.text);
  const [withEarlier, setWithEarlier] = useState(source.earlier.length > 0);
  const [panel] = useState(() => panelSettings());
  const [edited, setEdited] = useState<SamplingParams>(() => ({ ...panel.params }));
  const [roundsDraft, setRoundsDraft] = useState("5");
  const [baseSeed, setBaseSeed] = useState(() => panel.params.seed ?? randomSeed());
  const [run, setRun] = useState<AbRun | null>(null);
  const [current, setCurrent] = useState(0);
  const [revealed, setRevealed] = useState(false);
  const capabilities = useCapabilities();
  const seedsSupported = capabilities?.seed !== false;
  const { scheduler, snapshot } = useRunScheduler<AbCell>(streamCell, capabilities?.concurrentStreams ?? DEFAULT_CONCURRENCY);
  const busy = run !== null && !revealed;

  const start = () => {
    const message = text.trim();
    if (!message) return;
    const count = clampRounds(Number(roundsDraft));
    setRoundsDraft(String(count));
    // The panel cannot change while this modal view is open: it was read when the view opened.
    const settings = panel;
    const params: [SamplingParams, SamplingParams] = [settings.params, { ...edited }];
    const history = runHistory(withEarlier ? source.earlier : [], message);
    const rounds = planAbRounds(count, seedsSupported ? baseSeed : null);
    const cells = rounds.flatMap((round) => ([0, 1] as const).map((setting) => ({ id: cellId(round.index, setting), round: round.index, setting, body: runRequest(settings, roundParams(params[setting], round), history) })));
    setRun({ message, history, settings, params, rounds, cells });
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
        Each round sends the message with both settings and the same seed (a new seed each round), then shows the two replies as A and B in an order drawn for that round. Pick the
        better one or a tie; which setting was which is revealed at the end.
      </p>
      {!busy ? (
        <form
          className="space-y-3"
          aria-label="Blind A/B set-up"
          // Enter in Setting 2's fields commits that field (compare mode's fields); it must not start
          // the test too. With no submit button, the browser submits nothing on Enter.
          onSubmit={(e) => e.preventDefault()}
        >
          <SpreadMessageField text={text} onText={setText} earlierCount={source.earlier.length} withEarlier={withEarlier} onWithEarlier={setWithEarlier} />
          <AbSettingsForm panel={panel.params} edited={edited} onEdited={setEdited} disabled={false} />
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
          <SpreadSeedFields supported={seedsSupported} base={baseSeed} onBase={setBaseSeed} help="Round r sends both settings with seed base + r: the same dice within a round, new ones each round." />
          <button type="button" className="btn-primary" disabled={!text.trim()} onClick={start}>
            {run ? "Start a new test" : "Start"}
          </button>
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

/** The tally, Copy results (Markdown) and a share link to a page of the results. */
function AbReveal({ run }: { run: AbRun }) {
  const id = useId();
  const results: AbResultsInput = { message: run.message, systemMessage: run.settings.systemMessage, ...(run.settings.model ? { model: run.settings.model } : {}), settings: run.params, rounds: run.rounds };
  return (
    <div className="space-y-3">
      <AbTally results={results} />
      <div className="flex flex-wrap items-center gap-2">
        <CopyButton text={abResultsMarkdown(results)} label="Copy results" className="border border-line" />
        <span className="text-xs text-muted">as Markdown: the message, both settings, the tally and every round.</span>
      </div>
      <section aria-labelledby={`${id}-share`} className="space-y-2 rounded-lg border border-line p-2">
        <h3 id={`${id}-share`} className="text-sm font-semibold">
          Share the results
        </h3>
        <ShareForm
          canShare
          description="A link to a page with the message, both settings, the tally and every round (the replies are not included). It is listed with your other links in Share."
          content={() => {
            // Variables filled, as a shared conversation has them.
            const filled = fillRequest({ systemMessage: run.settings.systemMessage, messages: run.history }, variableValues(usePromptSessionStore.getState()));
            return {
              systemMessage: filled.systemMessage,
              params: run.params[0],
              ...(run.settings.model ? { model: run.settings.model } : {}),
              messages: toSharedMessages(filled.messages),
              blindAb: { settings: run.params, rounds: run.rounds },
            };
          }}
          title={() => `Blind A/B: ${shorten(run.message, 70)}`}
        />
      </section>
    </div>
  );
}
