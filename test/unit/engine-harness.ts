// The page's side of the engine for unit tests: an engine on a fake clock, and pages that grant
// credits, receive frames, and return the buffers they no longer show, through real MessagePorts.
import type { TestContext } from "node:test";
import assert from "node:assert/strict";
import type { ErrorCode, ErrorInfo } from "../../src/protocol/errors.js";
import type { CreditMessage, FrameData, JobFactory, PageMessage, Result, Scene, WorkerMessage } from "../../src/protocol/types.js";
import { transferList } from "../../src/protocol/scene.js";
import { createEngine } from "../../src/worker/engine/engine.js";
import type { JobRunner } from "../../src/worker/engine/job-runner.js";
import { createWave } from "../../src/worker/jobs/wave.js";
import { testContext } from "./context.js";

export type FrameMessage = Extract<WorkerMessage, { type: "frame" }>;

/** What a rejected create carries: a LivePlotError's code and message. */
export type LivePlotErrorLike = { code: string; message: string };

/** The wave every test runs unless it says otherwise. */
/** The display source the engine feeds the wave's line from (main panel, first glyph). */
export const WIRE = "p0g0";

export const WAVE = { points: 64, frequency: 2, speed: 1.5 };

/** A missing frame fails the test instead of hanging it. */
export const options = { timeout: 10_000 };

/**
 * Lets every message already on its way arrive, to check that nothing more does. Messages between
 * the two ends of a same-thread MessageChannel are delivered in libuv's poll phase, and each
 * setImmediate callback runs in the check phase that follows it, so each awaited immediate is one
 * event-loop turn. A credit reaching the engine and the frame it releases coming back take two
 * turns; ten leave a wide margin. The first test checks that a due frame does arrive within
 * settle(), which is what makes "nothing arrived after settle()" evidence elsewhere.
 */
export async function settle(): Promise<void> {
  for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
}

/** The page's end of one job's data port. */
export class Page {
  private readonly channel = new MessageChannel();
  /** The end handed to the engine. */
  readonly workerPort = this.channel.port2;
  private readonly inbox: WorkerMessage[] = [];
  private wake: (() => void) | undefined;
  /** The newest frame's buffers, which the page keeps while it shows them. */
  private shown: FrameData | null = null;
  /** Buffers of frames no longer shown, returned one per credit. */
  private readonly spent: FrameData[] = [];
  creditsGranted = 0;
  framesReceived = 0;
  buffersReturned = 0;
  /** Frames that arrived while no credit was outstanding: must stay 0. */
  overdrafts = 0;
  /** On the worker's side: the buffers that came back with credits, and those each frame went out in. */
  readonly returnedToWorker = new Set<ArrayBufferLike>();
  readonly sentInFrames: ArrayBufferLike[][] = [];

  constructor() {
    this.channel.port1.onmessage = (event: MessageEvent<WorkerMessage>) => this.receive(event.data);
    // Watch the engine's end too: which buffers reach it, and which buffers its frames carry.
    this.workerPort.addEventListener("message", (event: MessageEvent<PageMessage>) => {
      if (event.data?.type === "credit" && event.data.spent) for (const buffer of transferList(event.data.spent)) this.returnedToWorker.add(buffer);
    });
    const post = this.workerPort.postMessage.bind(this.workerPort);
    this.workerPort.postMessage = (message: WorkerMessage, transfer?: Transferable[] | StructuredSerializeOptions) => {
      if (message.type === "frame") this.sentInFrames.push(transferList(message.data));
      post(message, transfer as Transferable[]);
    };
  }

  /** Messages received and not yet taken with next(). */
  get pending(): number {
    return this.inbox.length;
  }

  /**
   * Grants one credit, returning the oldest buffers no longer shown (unless `keepSpent`). A frame's
   * data stays readable until a newer frame has arrived and a credit after that returned it.
   */
  credit({ keepSpent = false } = {}): void {
    const spent = (keepSpent ? undefined : this.spent.shift()) ?? null;
    if (spent) this.buffersReturned++;
    this.creditsGranted++;
    const message: CreditMessage = { type: "credit", spent };
    this.channel.port1.postMessage(message, spent ? transferList(spent) : []);
  }

  /** Sends anything on the data port, as a confused or hostile page might. */
  postRaw(message: unknown): void {
    this.channel.port1.postMessage(message);
  }

  async next(): Promise<WorkerMessage> {
    while (this.inbox.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
    return this.inbox.shift()!;
  }

  async nextFrame(): Promise<FrameMessage> {
    const message = await this.next();
    if (message.type !== "frame") assert.fail(`expected a frame, got ${JSON.stringify(message)}`);
    return message;
  }

  /** The sequence numbers of the messages received so far and not taken: they must all be frames. */
  takeFrameSeqs(): number[] {
    return this.inbox.splice(0).map((message) => {
      if (message.type !== "frame") assert.fail(`expected a frame, got ${JSON.stringify(message)}`);
      return message.seq;
    });
  }

  close(): void {
    this.channel.port1.close();
  }

  /** Resolves when either end of the channel has been closed. */
  closed(): Promise<void> {
    return new Promise((resolve) => this.channel.port1.addEventListener("close", () => resolve()));
  }

  private receive(message: WorkerMessage): void {
    if (message.type === "frame") {
      this.framesReceived++;
      if (this.framesReceived > this.creditsGranted) this.overdrafts++;
      if (this.shown) this.spent.push(this.shown);
      this.shown = message.data;
    }
    this.inbox.push(message);
    this.wake?.();
    this.wake = undefined;
  }
}

export function value<T>(result: Result<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function failure(result: Result<unknown>, code: ErrorCode): ErrorInfo {
  if (result.ok) assert.fail(`expected a ${code} error, got ok: ${JSON.stringify(result.value)}`);
  assert.equal(result.error.code, code, result.error.message);
  return result.error;
}

/**
 * An engine on a fake clock, with pages for its jobs. Everything is disposed and closed when the
 * test ends, so no port or scheduler timer keeps node alive.
 */
export function harness(t: TestContext) {
  let time = 1000;
  const now = () => time;
  const runners = new Map<number, JobRunner>();
  const engine = createEngine(now, runners);
  const runnerOf = (id: number): JobRunner => runners.get(id)!;
  const pages: Page[] = [];
  const ids: number[] = [];
  t.after(async () => {
    for (const id of ids) await engine.dispose(id);
    for (const page of pages) page.close();
  });

  const newPage = (): Page => {
    const page = new Page();
    pages.push(page);
    return page;
  };

  const tryCreate = async (job: string, params: Record<string, unknown>) => {
    const page = newPage();
    const result = await engine.create({ job, params, context: testContext() }, page.workerPort);
    if (result.ok) ids.push(result.value.id);
    return { result, page };
  };

  return {
    engine,
    runnerOf,
    now,
    newPage,
    tryCreate,
    /** Moves the fake clock on. */
    advance(ms: number): void {
      time += ms;
    },
    /** Creates a wave job (WAVE unless `params` says otherwise). */
    async create(params: Record<string, unknown> = WAVE): Promise<{ id: number; scene: Scene; page: Page }> {
      const { result, page } = await tryCreate("wave", params);
      return { ...value(result), page };
    },
    /** Resolves after the engine's scheduler next ticks job `id`. */
    nextTick(id: number): Promise<void> {
      const runner = runnerOf(id);
      const tick = runner.tick;
      return new Promise((resolve) => {
        runner.tick = () => {
          runner.tick = tick;
          tick.call(runner);
          resolve();
        };
      });
    },
    /** The job's simulated time, from its snapshot. */
    async timeOf(id: number): Promise<unknown> {
      return value(await engine.snapshot(id)).t;
    },
  };
}


/** The wave, finished after `advances` calls of advance(). */
export function finishingWave(advances: number): JobFactory {
  return async (params, context) => {
    const wave = await createWave(params, context);
    let left = advances;
    return {
      ...wave,
      get finished() {
        return left <= 0;
      },
      advance(ms) {
        wave.advance(ms);
        left--;
      },
    };
  };
}
