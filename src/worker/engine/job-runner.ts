import { LivePlotError, sameScene, toErrorInfo, transferList, type Job, type JobContext, type JobFactory, type Shown, type PageMessage, type PanelView, type Snapshot, type WorkerMessage } from "../../protocol/index.js";
import { FRAME_MS } from "./frame-time.js";
import { checkJob } from "./check-job.js";
import { FramePool } from "./frame-pool.js";
import { FrameReducer } from "../reduction/frame-reducer.js";
import { workClock } from "./work-clock.js";

/**
 * Buffer sets per job. The page holds one (BokehJS keeps the shown frame's arrays by reference)
 * and returns it with the credit for the next, so two sets never run dry.
 */
const POOL_SIZE = 2;

/** After a stall (a throttled tab, a long step) resume from now instead of racing to catch up. */
const MAX_ADVANCE_MS = 100;

/**
 * Wall-clock milliseconds of `step()` work per slice: a step of any size runs in slices between
 * the other jobs' slices and the page's messages (a `stop()` among them), never in one block.
 */
const STEP_SLICE_MS = 8;

/**
 * One job inside the engine: its state, its reduction, its buffer pool, and its data port. It sends a
 * frame only when the page has granted a credit, the pool has a free set, and there is something new
 * to show (new simulation state, or a new view to reduce for).
 */
export class JobRunner {
  running = false;
  /** Out of sight on the page: a running job does not advance (it stays running). */
  paused = false;
  /** The page's latest view, kept for a job that restarts. */
  private views: PanelView[] = [];
  /** A `step()` in progress: frames still to advance, and how to answer the call when done. */
  private stepping: { left: number; answer: (shown: Shown) => void } | undefined;
  private credits = 0;
  /** Something changed since the last frame sent (a step, a reset, a restart, or running). */
  private dirty = true;
  private lastAdvance = 0;
  private failed = false;
  private finishReported = false;
  /** Frames sent so far; frame n carries seq n. */
  private seq = 0;

  private reducer: FrameReducer;
  private pool: FramePool;

  private constructor(
    private job: Job,
    private params: Record<string, unknown>,
    private readonly factory: JobFactory,
    private readonly context: JobContext,
    private readonly port: MessagePort,
    private readonly now: () => number,
    /** Tells the scheduler that this job may need slices again. */
    private readonly wake: () => void,
  ) {
    this.reducer = new FrameReducer(job.scene, context.viewport);
    this.pool = new FramePool(this.reducer.scene, POOL_SIZE);
    port.onmessage = (event: MessageEvent<PageMessage>) => this.receive(event.data);
  }

  static async create(
    factory: JobFactory,
    params: Record<string, unknown>,
    context: JobContext,
    port: MessagePort,
    now: () => number,
    wake: () => void = () => {},
  ): Promise<JobRunner> {
    const job = await makeJob(factory, params, context);
    return new JobRunner(job, params, factory, context, port, now, wake);
  }

  /** What the page draws: the display scene, bounded by the viewport's pixels. */
  get scene() {
    return this.reducer.scene;
  }

  /** Whether the scheduler owes this job slices. */
  get active(): boolean {
    return (this.running && !this.paused) || this.stepping !== undefined;
  }

  /** The buffer sets this job ever allocated. */
  get allocatedFrames(): number {
    return this.pool.allocated;
  }

  start(): void {
    if (this.failed || this.job.finished) return;
    this.running = true;
    this.lastAdvance = this.now();
    // A running job is active: flush sends its state whether or not anything changed yet.
    this.flush();
  }

  stop(): Shown {
    this.endStep();
    if (this.running) {
      this.running = false;
      this.guard(() => this.advanceTo(this.now()));
      this.dirty = true;
      this.flush();
    }
    return this.shown();
  }

  /** Called by the scheduler in each time slice while running. */
  tick(): void {
    if (this.stepping) return this.stepSlice();
    if (!this.active) return;
    this.guard(() => this.advanceTo(this.now()));
    this.flush();
  }

  /**
   * Advance `frames` frames of 1/60 s, a slice at a time (the first one now), and answer with the
   * frame that shows the result once done, or once `stop()`, a reset or a new step cuts it short.
   */
  step(frames: number): Promise<Shown> {
    this.assertUsable();
    this.running = false;
    this.endStep();
    return new Promise((answer) => {
      this.stepping = { left: frames, answer };
      this.stepSlice();
      // A step done in one slice leaves the scheduler one idle tick: no harm, and one rule.
      this.wake();
    });
  }

  async reset(): Promise<Shown> {
    await this.replaceJob(this.params);
    return this.shown();
  }

  /** Apply `params` live if the job allows it, else restart with them. */
  async configure(params: Record<string, unknown>): Promise<Shown & { restarted: boolean }> {
    // Bad values throw here and answer the call with an error; the job itself carries on.
    const live = !this.failed && (this.job.update?.(params) ?? false);
    if (live) {
      this.params = params;
      this.dirty = true;
      this.flush();
    } else {
      await this.replaceJob(params);
    }
    return { ...this.shown(), restarted: !live };
  }

  snapshot(): Snapshot {
    return this.job.snapshot();
  }

  /**
   * Sends the page the data the engine holds for this job, with all the job has to give (rows
   * pushed, say) taken first; copies, whose buffers move to the page.
   */
  private answerExport(request: number): void {
    const taken = !this.failed && this.guard(() => this.reducer.take(this.job));
    if (!taken) {
      this.post({ type: "export-failed", request, error: { code: "job-failed", message: "the job failed earlier; reset it to start again" } });
      return;
    }
    // What was taken has yet to be drawn.
    this.dirty = true;
    const data = this.reducer.exportData();
    this.post({ type: "exported", request, data }, Object.values(data).flatMap((columns) => Object.values(columns).map((column) => column.buffer as ArrayBuffer)));
  }

  dispose(): void {
    this.endStep();
    this.guard(() => this.job.dispose?.());
    this.port.onmessage = null;
    this.port.close();
  }

  /** One slice of the step in progress; the step ends when its frames are done or the job ends. */
  private stepSlice(): void {
    const step = this.stepping!;
    const deadline = workClock.now() + STEP_SLICE_MS;
    this.guard(() => {
      while (step.left > 0 && !this.job.finished) {
        this.job.advance(FRAME_MS);
        step.left--;
        if (workClock.now() > deadline) break;
      }
    });
    if (this.failed || step.left === 0 || this.job.finished) this.endStep();
  }

  /** Ends the step in progress, if any: its frame goes out and its call is answered. */
  private endStep(): void {
    const step = this.stepping;
    if (!step) return;
    this.stepping = undefined;
    this.dirty = true;
    this.flush();
    step.answer(this.shown());
  }

  private async replaceJob(params: Record<string, unknown>): Promise<void> {
    this.endStep();
    const job = await makeJob(this.factory, params, this.context);
    this.guard(() => this.job.dispose?.());
    const reducer = new FrameReducer(job.scene, this.context.viewport);
    reducer.setView(this.views);
    if (!sameScene(reducer.scene, this.reducer.scene)) this.pool = new FramePool(reducer.scene, POOL_SIZE);
    this.reducer = reducer;
    this.job = job;
    this.params = params;
    this.failed = false;
    this.finishReported = false;
    this.lastAdvance = this.now();
    this.dirty = true;
    this.flush();
  }

  /** The frame that will show the current state: the next one if it is still to be sent. */
  private shown(): Shown {
    return { seq: this.dirty && !this.failed ? this.seq + 1 : this.seq };
  }

  private assertUsable(): void {
    if (this.failed) throw new LivePlotError("job-failed", "the job failed earlier; reset it to start again");
  }

  private receive(message: PageMessage): void {
    switch (message?.type) {
      case "credit":
        if (message.spent) this.pool.give(message.spent);
        this.credits++;
        // Answer with the state as of the last slice (at most a few ms old), not after one more:
        // a heavy job's slice would delay the frame past the display's next refresh.
        break;
      case "view":
        this.views = message.panels;
        this.reducer.setView(message.panels);
        this.dirty = true;
        break;
      case "pause":
        if (message.paused === this.paused) return;
        this.paused = message.paused;
        // Resume from now: the time out of sight is not simulated after the fact.
        this.lastAdvance = this.now();
        // A paused or stopped job costs the scheduler one idle tick.
        this.wake();
        break;
      case "push":
        this.guard(() => this.job.push?.(message.chunks, message.skipped));
        this.dirty = true;
        break;
      case "export":
        this.answerExport(message.request);
        break;
      case "pick":
        this.post({ type: "picked", request: message.request, points: this.reducer.pick(message.panel, message.x) });
        return;
    }
    this.flush();
  }

  private advanceTo(now: number): void {
    const ms = Math.min(now - this.lastAdvance, MAX_ADVANCE_MS);
    this.lastAdvance = now;
    if (ms > 0) this.job.advance(ms);
    if (this.job.finished) {
      // The final state still has to be sent, and with it the news that the run is over.
      this.running = false;
      this.dirty = true;
    }
  }

  /** Send the current state if there is a credit, a free buffer set, and something new. */
  private flush(): void {
    if (this.failed || !(this.dirty || this.active) || this.credits === 0) return;
    const frame = this.pool.take();
    if (!frame) return;
    // Everything the job's own code does here is guarded: a throw fails this job, not the worker.
    const written = this.guard(() => {
      this.reducer.take(this.job);
      return { ranges: this.reducer.reduce(frame), counters: this.job.counters() };
    });
    if (!written) {
      this.pool.give(frame);
      return;
    }
    this.credits--;
    this.dirty = false;
    this.post({ type: "frame", seq: ++this.seq, data: frame, ...written.value }, transferList(frame));
    // The final frame goes out before the news that the run is over.
    if (this.job.finished && !this.finishReported) {
      this.finishReported = true;
      const snapshot = this.guard(() => this.job.snapshot());
      if (snapshot) this.post({ type: "finished", snapshot: snapshot.value });
    }
  }

  /**
   * Runs job code and answers what it returned; a throw stops this job (not the engine), reaches
   * the page as an error, and answers undefined.
   */
  private guard<T>(work: () => T): { value: T } | undefined {
    try {
      return { value: work() };
    } catch (error) {
      this.running = false;
      this.failed = true;
      this.post({ type: "error", error: toErrorInfo(error, "job-failed") });
      return undefined;
    }
  }

  private post(message: WorkerMessage, transfer: Transferable[] = []): void {
    this.port.postMessage(message, transfer);
  }
}

async function makeJob(factory: JobFactory, params: Record<string, unknown>, context: JobContext): Promise<Job> {
  let job: Job;
  try {
    job = await factory(params, context);
  } catch (error) {
    const info = toErrorInfo(error, "job-failed");
    throw new LivePlotError(info.code, info.code === "job-failed" ? `the job failed to start: ${info.message}` : info.message);
  }
  return checkJob(job);
}
