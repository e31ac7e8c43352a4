/**
 * The embedded llama.cpp engine (node-llama-cpp). One model and one context per process,
 * shared by all requests; each request borrows a context sequence and returns it when done.
 */
import { randomBytes } from "node:crypto";
import type { Llama, LlamaContext, LlamaContextSequence, LlamaGrammar, LlamaModel, Token, TokenBias } from "node-llama-cpp";
import { errorEvent } from "../chat/errors";
import type { EventBatch } from "../chat/events";
import { mixtralPromptSegments } from "../chat/mixtral-template";
import type { ChatRequest } from "../chat/request";
import { offeredTools } from "../chat/tool-prompt";
import { createStopFilter } from "../stop-sequences/stream-filter";
import { GrammarCache } from "./grammar-cache";
import { pacingDelay } from "./pacing";
import { replyGrammar } from "./reply-grammar";
import { ReplyOutput } from "./reply-output";
import { ReplyShaper, type ShapeMode } from "./reply-shaper";
import { samplerSettings } from "./sampler-settings";
import { SequencePool } from "./sequence-pool";
import { sleep } from "./sleep";
import { entryOf, sampleTokens, tokenOf } from "./token-sampling";
import { Utf8HoldBack } from "./utf8-hold-back";

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

/** node-llama-cpp's class, loaded with the module on first use (it is imported lazily, see load). */
let GrammarState: typeof import("node-llama-cpp").LlamaGrammarEvaluationState;

export class LocalEngine {
  /** Each request borrows one of the context's sequences. */
  private readonly sequences: SequencePool<LlamaContextSequence>;

  private constructor(
    readonly llama: Llama,
    readonly model: LlamaModel,
    private readonly context: LlamaContext,
    private readonly tokenBias: TokenBias | undefined,
    private readonly boundedGrammars: boolean,
  ) {
    this.sequences = new SequencePool(context);
  }

  /** Grammars by their schema: building one costs milliseconds, and requests repeat their schemas. */
  private readonly grammars = new GrammarCache<LlamaGrammar>((schema) =>
    // The user's schema as node-llama-cpp's GBNF builder takes it; what it cannot build, it says.
    schema === "json" ? this.llama.getGrammarFor("json") : this.llama.createGrammarForJsonSchema(schema as never),
  );

  /** How the reply is shaped, and the grammar that holds the model to it (none for text). */
  private async shapeOf(request: ChatRequest): Promise<{ mode: ShapeMode; grammar?: LlamaGrammar }> {
    const { mode, schema } = replyGrammar(request.options, this.boundedGrammars);
    return schema === undefined ? { mode } : { mode, grammar: await this.grammars.get(schema) };
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
    const logprobs = shape.grammar ? undefined : request.options?.logprobs;
    if (shape.grammar && request.options?.logprobs) {
      yield [{ type: "warnings", warnings: [{ setting: "log-probabilities", message: "The local engine gives no log-probabilities for JSON or function-call replies; they were not computed." }] }];
    }
    const shaper = new ReplyShaper(shape.mode, offeredTools(request.options), () => `call_${randomBytes(9).toString("base64url")}`);

    const sequence = await this.sequences.acquire(signal);
    if (!sequence) {
      yield [{ type: "finish", reason: "abort" }];
      return;
    }
    try {
      const { params } = request;
      // Continuing a reply: its last tokens decide whether the next piece starts with a space.
      const tokens = new Utf8HoldBack(this.model, request.messages.at(-1)?.role === "assistant" ? prompt.slice(-8) : []);
      const output = new ReplyOutput(createStopFilter(params.stop ?? []), shaper);
      const started = performance.now();
      const steps = sampleTokens(sequence, this.model, prompt, samplerSettings(params, this.tokenBias, tokens.released), {
        logprobs,
        grammarEvaluationState: shape.grammar && new GrammarState({ model: this.model, grammar: shape.grammar }),
        textOf: (token) => tokens.candidateText(token),
      });

      for await (const step of steps) {
        if (signal.aborted) break;
        const text = tokens.push(tokenOf(step), entryOf(step));
        if (text !== undefined) {
          const events = output.push(text, tokens.takeEntries(text));
          if (events.length) yield events;
          if (output.ended) break;
        }
        if (tokens.count >= maxTokens) {
          output.maxTokensReached();
          break;
        }
        if (tokensPerSecond > 0) await sleep(pacingDelay(started, tokens.count, tokensPerSecond, performance.now()), signal);
      }
      if (signal.aborted) {
        yield [{ type: "finish", reason: "abort" }];
        return;
      }
      // Tokens of a stop sequence were generated, so they count, though their text is not sent.
      yield output.end(tokens.heldTail(), { promptTokens: prompt.length, completionTokens: tokens.count });
    } catch (cause) {
      yield [signal.aborted ? { type: "finish", reason: "abort" } : errorEvent("engine_error", (cause as Error).message)];
    } finally {
      this.sequences.release(sequence);
    }
  }

  async dispose(): Promise<void> {
    await this.context.dispose();
    await this.model.dispose();
  }
}
