"use client";
import { useId, useMemo, useState } from "react";
import { collectReply } from "@/lib/client/collect-reply";
import { sweepValues } from "@/lib/compare/sweep";
import type { ChatRequestBody } from "@/lib/client/chat-stream";
import type { RunSnapshot } from "@/lib/evals/run-scheduler";
import { NEAR_IDENTICAL } from "@/lib/evals/sample-spread";
import { clampSamples, planSpread, type SeedPolicy, type SpreadCell, type SpreadSweepPlan } from "@/lib/evals/spread-plan";
import { spreadResults, type SpreadSetting } from "@/lib/evals/spread-results";
import { useCapabilities } from "@/lib/hooks/use-models";
import { useRunScheduler } from "@/lib/hooks/use-run-scheduler";
import { NUMERIC_PARAMS, SEED_PARAM } from "@/lib/params";
import { lastUserMessage, panelSettings, runHistory, runRequest, sampleConversation } from "@/lib/store/eval-request";
import { useParamsStore } from "@/lib/store/params-store";
import type { RequestSettings } from "@/lib/store/reply-request";
import type { UiMessage } from "@/lib/store/ui-message";
import { useConversationStoreApi } from "../chat/conversation-context";
import { VariablesPanel } from "../prompts/variables-panel";
import { SpreadCellStatus } from "./spread-cell-status";
import { SpreadChart } from "./spread-chart";
import { SpreadGroups, type SpreadMember } from "./spread-groups";
import { SpreadMessageField } from "./spread-message-field";
import { SpreadProgress } from "./spread-progress";
import { SpreadRunForm, SWEEP_DEFAULTS, type SpreadSetup } from "./spread-run-form";
import { SpreadSeedFields } from "./spread-seed-fields";
import { SpreadSummary } from "./spread-summary";
import { useRunVariables } from "./use-run-variables";

type RunCell = SpreadCell & { body: ChatRequestBody };

interface SpreadRun {
  cells: RunCell[];
  /** The panel's settings when it started (unfilled, as the panel holds them): what "Open as conversation" loads. */
  settings: RequestSettings;
  history: UiMessage[];
  sweep: SpreadSweepPlan | null;
  k: number;
}

const randomSeed = () => Math.floor(Math.random() * SEED_PARAM.max);
const streamCell = (cell: RunCell, signal: AbortSignal) => collectReply(cell.body, signal);
/** Compare mode's figure until the capabilities arrive: the embedded engine's default slots. */
const DEFAULT_CONCURRENCY = 4;

/** "Sample spread": one message run k times, at the panel's settings or across a sweep; how much the answers differ. */
export function SpreadView({ onDone }: { onDone(): void }) {
  const id = useId();
  const conversation = useConversationStoreApi();
  const [source] = useState(() => lastUserMessage(conversation.getState().messages));
  const [text, setText] = useState(source.text);
  const [withEarlier, setWithEarlier] = useState(source.earlier.length > 0);
  const [setup, setSetup] = useState<SpreadSetup>({ samples: "5", mode: "current", sweepKey: "temperature", from: String(SWEEP_DEFAULTS.temperature[0]), to: String(SWEEP_DEFAULTS.temperature[1]), steps: 3 });
  const [seedPolicy, setSeedPolicy] = useState<SeedPolicy>("vary");
  const [baseSeed, setBaseSeed] = useState(() => useParamsStore.getState().params.seed ?? randomSeed());
  const [run, setRun] = useState<SpreadRun | null>(null);
  const [shown, setShown] = useState(0);
  const capabilities = useCapabilities();
  const seedsSupported = capabilities?.seed !== false;
  const { scheduler, snapshot } = useRunScheduler<RunCell>(streamCell, capabilities?.concurrentStreams ?? DEFAULT_CONCURRENCY);
  const active = snapshot.running + snapshot.queued > 0;
  const [previous, setPrevious] = useState<{ run: SpreadRun | null; results: SpreadSetting<RunCell>[] }>({ run: null, results: [] });
  const results = useMemo(() => (run ? spreadResults(run.cells, snapshot, previous.run === run ? previous.results : []) : []), [run, snapshot, previous]);
  // Kept for the next change: only settings with a newly finished sample are grouped again.
  if (previous.results !== results && run) setPrevious({ run, results });

  // A `{{variable}}` of what is sent with no value and no default blocks Run, as it blocks Send.
  const systemMessage = useParamsStore((s) => s.systemMessage);
  const sent = useMemo(() => runHistory(withEarlier ? source.earlier : [], text.trim()), [withEarlier, source, text]);
  const variables = useRunVariables(systemMessage, sent);
  const { blocked } = variables;

  const start = () => {
    const message = text.trim();
    if (!message || blocked) return;
    const k = clampSamples(Number(setup.samples));
    setSetup((s) => ({ ...s, samples: String(k) }));
    const settings = panelSettings();
    const history = runHistory(withEarlier ? source.earlier : [], message);
    const param = NUMERIC_PARAMS.find((p) => p.key === setup.sweepKey)!;
    const sweep = setup.mode === "sweep" ? { key: setup.sweepKey, values: sweepValues({ param, from: Number(setup.from), to: Number(setup.to), count: setup.steps }) } : null;
    const cells = planSpread({ params: settings.params, samples: k, sweep, seeds: seedsSupported ? { policy: seedPolicy, base: baseSeed } : null }).map((cell) => ({
      ...cell,
      body: runRequest(settings, cell.params, history),
    }));
    setRun({ cells, settings, history, sweep, k });
    setShown(0);
    scheduler.start(cells);
  };

  const open = (cell: RunCell) => {
    const state = snapshot.cells[cell.id];
    if (!run || state?.status !== "done") return;
    const { systemMessage, model } = run.settings;
    conversation.getState().load(sampleConversation(run.history, state.outcome, { systemMessage, params: cell.params, ...(model ? { model } : {}) }));
    const panel = useParamsStore.getState();
    panel.load(systemMessage, cell.params);
    panel.setModel(model);
    onDone();
  };

  const param = run?.sweep ? NUMERIC_PARAMS.find((p) => p.key === run.sweep!.key)! : null;
  const selected: SpreadSetting<RunCell> | undefined = results[Math.min(shown, results.length - 1)];

  return (
    <div className="space-y-4">
      <p className="text-sm text-muted">
        Answers are compared after trimming and joining runs of whitespace. Answers whose words agree at least{" "}
        <strong className="text-fg">{Math.round(NEAR_IDENTICAL * 100)}%</strong> in order count as one (near-identical). Agreement is the largest group&apos;s share of the
        samples.
      </p>
      <form
        className="space-y-3"
        aria-label="Sample spread set-up"
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        <SpreadMessageField text={text} onText={setText} earlierCount={source.earlier.length} withEarlier={withEarlier} onWithEarlier={setWithEarlier} disabled={active} />
        <SpreadRunForm setup={setup} onChange={setSetup} disabled={active} />
        <SpreadSeedFields
          supported={seedsSupported}
          base={baseSeed}
          onBase={setBaseSeed}
          policy={seedPolicy}
          onPolicy={setSeedPolicy}
          disabled={active}
          help={
            seedPolicy === "vary"
              ? "Sample i is sent with seed base + i (the same seeds at every sweep value), and keeps it: open any sample to send it again."
              : "Every sample gets the base seed: on an upstream that honours seeds, the answers should all agree."
          }
        />
        {/* The same fields as the page's Variables (the same values Send fills in): a missing value can be given here. */}
        <VariablesPanel names={variables.names} missing={variables.missing} />
        <div className="flex flex-wrap items-center gap-2">
          <button type="submit" className="btn-primary" disabled={active || !text.trim() || blocked !== undefined} aria-describedby={blocked ? `${id}-blocked ${id}-settings` : `${id}-settings`}>
            {run ? "Run again" : "Run"}
          </button>
          <span id={`${id}-settings`} className="text-xs text-muted">
            With the panel&apos;s settings (System Message, parameters, functions and format) as they are when it starts.
          </span>
        </div>
        {blocked ? (
          <p id={`${id}-blocked`} role="status" className="text-xs font-medium text-amber-700 dark:text-amber-300">
            {blocked}
          </p>
        ) : null}
      </form>

      {run ? (
        <section aria-labelledby={`${id}-results`} className="space-y-3">
          <h3 id={`${id}-results`} className="text-base font-semibold">
            Results
          </h3>
          <SpreadProgress scheduler={scheduler} snapshot={snapshot} unit="Samples" />
          {results.map((setting) => (
            <SpreadCellStatus
              key={String(setting.value)}
              label={param ? `Samples at ${param.label} ${setting.value}` : "Samples"}
              items={setting.cells.map((cell) => ({ id: cell.id, name: `${param ? `${setting.value} ` : ""}#${cell.index + 1}`, state: snapshot.cells[cell.id] }))}
            />
          ))}
          <CellErrors cells={run.cells} snapshot={snapshot} />
          {param ? (
            <SpreadChart
              paramLabel={param.label}
              k={run.k}
              points={results.map((r) => ({ value: r.value!, agreement: r.spread.samples ? r.spread.agreement : null, distinct: r.spread.distinct, samples: r.spread.samples }))}
            />
          ) : null}
          {param && results.length > 1 ? (
            <label className="flex items-center gap-2 text-sm">
              <span>Groups at</span>
              <select className="rounded border border-line bg-bg px-2 py-1" value={shown} onChange={(e) => setShown(Number(e.target.value))}>
                {results.map((r, i) => (
                  <option key={i} value={i}>
                    {param.label} {r.value}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {selected && selected.spread.samples ? (
            <SettingResults setting={selected} name={param ? `${param.label} ${selected.value}` : "the panel's settings"} onOpen={open} />
          ) : (
            <p className="text-sm text-muted">No sample has finished yet.</p>
          )}
        </section>
      ) : null}
    </div>
  );
}

function SettingResults({ setting, name, onOpen }: { setting: SpreadSetting<RunCell>; name: string; onOpen(cell: RunCell): void }) {
  const members: (SpreadMember & { cell: RunCell })[] = setting.finished.map(({ cell, text }) => ({ cell, number: cell.index + 1, text, ...(cell.seed !== undefined ? { seed: cell.seed } : {}) }));
  return (
    <div className="space-y-3">
      <SpreadSummary spread={setting.spread} texts={setting.finished.map((f) => f.text)} label={`Spread at ${name}`} />
      <SpreadGroups spread={setting.spread} members={members} label={`Answer groups at ${name}, largest first`} onOpen={(m) => onOpen(m.cell)} />
    </div>
  );
}

function CellErrors({ cells, snapshot }: { cells: RunCell[]; snapshot: RunSnapshot }) {
  const failed = cells.flatMap((cell) => {
    const state = snapshot.cells[cell.id];
    return state?.status === "error" ? [{ cell, message: state.outcome.message }] : [];
  });
  if (!failed.length) return null;
  return (
    <ul aria-label="Failed samples" className="space-y-0.5 text-sm text-red-700 dark:text-red-300">
      {failed.slice(0, 10).map(({ cell, message }) => (
        <li key={cell.id}>
          Sample {cell.index + 1}
          {cell.value !== null ? ` at ${cell.value}` : ""}: {message}
        </li>
      ))}
      {failed.length > 10 ? <li>…and {failed.length - 10} more.</li> : null}
    </ul>
  );
}
