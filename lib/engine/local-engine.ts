/**
 * The embedded llama.cpp engine (node-llama-cpp). One model and one context per process,
 * shared by all requests; each request borrows a context sequence and returns it when done.
 */
import { randomBytes } from "node:crypto";
import type { Llama, LlamaContext, LlamaGrammar, LlamaModel, Token, TokenBias } from "node-llama-cpp";
import { errorEvent } from "../chat/errors";
import type { EventBatch, FinishReason, StreamEvent, TokenLogprob } from "../chat/events";
import { mixtralPromptSegments } from "../chat/mixtral-template";
import type { ChatRequest } from "../chat/request";
import { offeredTools } from "../chat/tool-prompt";
import { ENGINE_TOP_K } from "../sampling/sampler-transform";
import { sampleWithLogprobs, type SampledToken } from "./logprob-sampling";
import { ReplyShaper, type ShapeMode } from "./reply-shaper";
import { createStopFilter } from "../stop-sequences/stream-filter";
import { sleep } from "./sleep";
import { callListSchema, DEMO_JSON_OBJECT, responseSchema } from "./tool-grammar";

export interface LocalEngineOptions {
  modelPath: string;
  threads: number;
  contextSize: number;
  parallel: number;
  gpu?: boolean;
  /** Tokens this model must never sample (the demo model's non-Latin pieces). */
  bannedTokens?: readonly number[];
  /** Random weights: grammars bound every string and list, so JSON and calls end (tool-grammar.ts). */
  boundedGrammars?: boolean;
}

export interface GenerateOptions {
  signal: AbortSignal;
  /** 0 streams at full speed; the demo model is paced so streaming can be watched. */
  tokensPerSecond: number;
}

/** Text events through the reply shaper (JSON, function calls); other events pass as they are. */
function shapeAll(shaper: ReplyShaper, events: StreamEvent[]): { events: StreamEvent[]; finished?: FinishReason } {
  // Plain text (most replies): no copy, no object per event on the per-token path.
  if (shaper.passesText) return { events };
  const out: StreamEvent[] = [];
  let finished: FinishReason | undefined;
  for (const event of events) {
    if (event.type !== "text-delta") out.push(event);
    else if (!finished) {
      const shaped = shaper.push(event.text);
      out.push(...shaped.events);
      finished = shaped.finished;
    }
  }
  return { events: out, ...(finished ? { finished } : {}) };
}

/** node-llama-cpp's class, loaded with the module on first use (it is imported lazily, see load). */
let GrammarState: typeof import("node-llama-cpp").LlamaGrammarEvaluationState;

/** Bytes of one UTF-8 character can be split across tokens: hold them until the character completes. */
const INCOMPLETE_UTF8 = "\uFFFD";
const MAX_HELD_TOKENS = 4;

/**
 * The entries of tokens that together made `text`: the last carries it, the others (bytes of a
 * character split across tokens) carry "", so the entries' texts always add up to the reply.
 */
function withText(entries: TokenLogprob[], text: string): TokenLogprob[] {
  return entries.map((entry, i) => ({ ...entry, token: i === entries.length - 1 ? text : "" }));
}

export class LocalEngine {
  private waiters: (() => void)[] = [];

  private constructor(
    readonly llama: Llama,
    readonly model: LlamaModel,
    private readonly context: LlamaContext,
    private readonly tokenBias: TokenBias | undefined,
    private readonly boundedGrammars: boolean,
  ) {}

  /** Grammars by their schema: building one costs milliseconds, and requests repeat their schemas. */
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();

  private grammarFor(schema: Record<string, unknown> | "json"): Promise<LlamaGrammar> {
    const key = schema === "json" ? "json" : JSON.stringify(schema);
    let grammar = this.grammars.get(key);
    if (!grammar) {
      // The user's schema as node-llama-cpp's GBNF builder takes it; what it cannot build, it says.
      grammar = schema === "json" ? this.llama.getGrammarFor("json") : this.llama.createGrammarForJsonSchema(schema as never);
      grammar.catch(() => this.grammars.delete(key));
      if (this.grammars.size >= 64) this.grammars.delete(this.grammars.keys().next().value!);
      this.grammars.set(key, grammar);
    }
    return grammar;
  }

  /** How the reply is shaped, and the grammar that holds the model to it (none for text). */
  private async shapeOf(request: ChatRequest): Promise<{ mode: ShapeMode; grammar?: LlamaGrammar }> {
    const tools = offeredTools(request.options);
    const choice = request.options?.toolChoice;
    if (tools.length && (choice === "required" || typeof choice === "object")) {
      return { mode: "tools", grammar: await this.grammarFor(callListSchema(tools, this.boundedGrammars)) };
    }
    if (tools.length) return { mode: "auto-tools" };
    const format = request.options?.responseFormat;
    if (format?.type === "json_schema") return { mode: "json", grammar: await this.grammarFor(responseSchema(format.schema, this.boundedGrammars)) };
    if (format?.type === "json_object") return { mode: "json", grammar: await this.grammarFor(this.boundedGrammars ? DEMO_JSON_OBJECT : "json") };
    return { mode: "text" };
  }

  static async load(options: LocalEngineOptions): Promise<LocalEngine> {
    const { getLlama, LlamaLogLevel, TokenBias, LlamaGrammarEvaluationState } = await import("node-llama-cpp");
    GrammarState = LlamaGrammarEvaluationState;
    const llama = await getLlama({
      build: "never",
      gpu: options.gpu ? "auto" : false,
      maxThreads: options.threads,
      logLevel: LlamaLogLevel.error,
      progressLogs: false,
    });
    const model = await llama.loadModel({ modelPath: options.modelPath });
    const context = await model.createContext({
      contextSize: options.contextSize,
      sequences: options.parallel,
      threads: options.threads,
    });
    let bias: TokenBias | undefined;
    if (options.bannedTokens?.length) {
      bias = new TokenBias(model.tokenizer);
      for (const token of options.bannedTokens) bias.set(token as Token, "never");
    }
    return new LocalEngine(llama, model, context, bias, options.boundedGrammars ?? false);
  }

  get contextSize(): number {
    return this.context.contextSize;
  }

  /** Plain text, no special tokens: what a text segment of the prompt becomes. */
  tokenizeText(text: string): Token[] {
    return this.model.tokenize(text, false);
  }

  tokenize(request: Pick<ChatRequest, "systemMessage" | "messages" | "options">): Token[] {
    const tokens: Token[] = [];
    for (const segment of mixtralPromptSegments(request.systemMessage, request.messages, request.options)) {
      if (segment.kind === "bos") tokens.push(this.model.tokens.bos ?? (1 as Token));
      else if (segment.kind === "eos") tokens.push(this.model.tokens.eos ?? (2 as Token));
      else tokens.push(...this.tokenizeText(segment.text));
    }
    return tokens;
  }

  /** One batch per sampled token (the engine makes them one at a time), ending with one terminal event. */
  async *generate(request: ChatRequest, { signal, tokensPerSecond }: GenerateOptions): AsyncGenerator<EventBatch> {
    const prompt = this.tokenize(request);
    const room = this.contextSize - prompt.length;
    // Requests are validated against this window before they get here; this guards a race only.
    if (room < 1) {
      yield [errorEvent("context_length_exceeded", `the prompt is ${prompt.length} tokens but the local context holds ${this.contextSize}`)];
      return;
    }
    const maxTokens = Math.min(request.params.maxTokens, room);

    let shape: Awaited<ReturnType<LocalEngine["shapeOf"]>>;
    try {
      shape = await this.shapeOf(request);
    } catch (cause) {
      yield [errorEvent("invalid_request", `The local engine cannot hold the reply to this schema: ${(cause as Error).message}`)];
      return;
    }
    // The probabilities path samples in JavaScript, outside the grammar: one or the other.
    const grammarOn = shape.grammar !== undefined;
    if (grammarOn && request.options?.logprobs) {
      yield [{ type: "warnings", warnings: [{ setting: "log-probabilities", message: "The local engine gives no log-probabilities for JSON or function-call replies; they were not computed." }] }];
    }
    const shaper = new ReplyShaper(shape.mode, offeredTools(request.options), () => `call_${randomBytes(9).toString("base64url")}`);

    const sequence = await this.acquireSequence(signal);
    if (!sequence) {
      yield [{ type: "finish", reason: "abort" }];
      return;
    }
    try {
      const { params } = request;
      const generated: Token[] = [];
      const held: Token[] = [];
      // Entries of the held tokens, sent with the text they make (logprobs requested only).
      const heldLogprobs: TokenLogprob[] = [];
      // Continuing a reply: its last tokens decide whether the next piece starts with a space.
      const lead = request.messages.at(-1)?.role === "assistant" ? prompt.slice(-8) : [];
      // What a token's text depends on: the last pieces before it (without a lead, no copy of it).
      const recent = () => (lead.length ? [...lead, ...generated].slice(-8) : generated.slice(-8));
      // Repetition penalty is llama.cpp's multiplicative repeat penalty (1 = none), over the same
      // window of the reply's own tokens as the other two penalties.
      const repetition = params.repetitionPenalty ?? 1;
      const penalise = params.frequencyPenalty !== 0 || params.presencePenalty !== 0 || repetition !== 1;
      // One top-k for both paths, so the probabilities view's cut is the sampler's.
      const topK = params.topK ?? ENGINE_TOP_K;
      // Text that could begin a stop sequence waits here (with its tokens' entries) until decided.
      const stops = createStopFilter(params.stop ?? []);
      let stopped = false;
      // Which stop sequence ended the reply, for the finish event.
      let stopSequence: string | undefined;
      // The shaper ended the reply (its JSON or its calls are complete).
      let shapedDone = false;
      const started = performance.now();
      let reason: FinishReason = "stop";
      const seed = params.seed ?? Math.floor(Math.random() * 2 ** 31);
      const shared = {
        ...(this.tokenBias ? { tokenBias: this.tokenBias } : {}),
        ...(penalise
          ? {
              repeatPenalty: {
                punishTokens: () => generated.slice(-256),
                maxPunishTokens: 256,
                penalty: repetition,
                frequencyPenalty: params.frequencyPenalty,
                presencePenalty: params.presencePenalty,
              },
            }
          : {}),
      };
      const logprobs = grammarOn ? undefined : request.options?.logprobs;
      const grammarEvaluationState = shape.grammar ? new GrammarState({ model: this.model, grammar: shape.grammar }) : undefined;
      // The plain path iterates the evaluator's tokens as they come: no wrapper, no object per token.
      const steps: AsyncIterable<Token | SampledToken> = logprobs
        ? sampleWithLogprobs(sequence, this.model, prompt, {
            temperature: params.temperature,
            topP: params.topP,
            topK,
            seed,
            top: logprobs.top,
            shared,
            textOf: (token) => this.model.detokenize([token], false, [...recent(), ...held].slice(-8)),
          })
        : sequence.evaluate(prompt, {
            temperature: params.temperature,
            topP: params.topP,
            topK,
            seed,
            ...shared,
            ...(grammarEvaluationState ? { grammarEvaluationState } : {}),
          });

      for await (const step of steps) {
        if (signal.aborted) break;
        const token = typeof step === "number" ? step : step.token;
        const logprob = typeof step === "number" ? undefined : step.logprob;
        held.push(token);
        const text = this.model.detokenize(held, false, recent());
        if (logprob) heldLogprobs.push(logprob);
        if (!text.endsWith(INCOMPLETE_UTF8) || held.length >= MAX_HELD_TOKENS) {
          generated.push(...held);
          held.length = 0;
          const piece = stops.push(text, heldLogprobs.length ? withText(heldLogprobs.splice(0), text) : undefined);
          const shaped = shapeAll(shaper, piece.events);
          if (shaped.events.length) yield shaped.events;
          if (piece.stopped) {
            stopped = true;
            stopSequence = piece.sequence;
            break;
          }
          if (shaped.finished) {
            reason = shaped.finished;
            shapedDone = true;
            break;
          }
        }
        if (generated.length + held.length >= maxTokens) {
          reason = "length";
          break;
        }
        if (tokensPerSecond > 0) {
          await sleep(started + ((generated.length + held.length) * 1000) / tokensPerSecond - performance.now(), signal);
        }
      }
      if (signal.aborted) {
        yield [{ type: "finish", reason: "abort" }];
        return;
      }
      const ending: StreamEvent[] = [];
      if (!stopped && !shapedDone) {
        // Bytes of a character still held when generation ended, then what the stop matcher held back.
        const tail = held.length ? this.model.detokenize(held, false, recent()) : "";
        const last = held.length ? stops.push(tail, heldLogprobs.length ? withText(heldLogprobs, tail) : undefined) : undefined;
        const rest = shapeAll(shaper, [...(last?.events ?? []), ...(last?.stopped ? [] : stops.flush())]);
        ending.push(...rest.events);
        stopped = last?.stopped ?? false;
        stopSequence = last?.sequence;
        if (rest.finished) reason = rest.finished;
      }
      ending.push(...shaper.end());
      // Tokens of a stop sequence were generated, so they count, though their text is not sent.
      ending.push({ type: "usage", usage: { promptTokens: prompt.length, completionTokens: generated.length + held.length } });
      ending.push(stopped ? { type: "finish", reason: "stop", ...(stopSequence !== undefined ? { stopSequence } : {}) } : { type: "finish", reason });
      yield ending;
    } catch (cause) {
      yield [signal.aborted ? { type: "finish", reason: "abort" } : errorEvent("engine_error", (cause as Error).message)];
    } finally {
      sequence.dispose();
      // Wake every waiter: each re-checks for a free sequence, and stale (aborted) ones just leave.
      for (const wake of this.waiters.splice(0)) wake();
    }
  }

  /** Takes a free sequence, waiting for one if all are busy; undefined when the caller gave up first. */
  private async acquireSequence(signal: AbortSignal) {
    for (;;) {
      if (signal.aborted) return undefined;
      // Checked and taken in one synchronous step, so two woken waiters cannot race for one sequence.
      if (this.context.sequencesLeft > 0) return this.context.getSequence();
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        signal.addEventListener("abort", () => resolve(), { once: true });
      });
    }
  }

  async dispose(): Promise<void> {
    await this.context.dispose();
    await this.model.dispose();
  }
}
