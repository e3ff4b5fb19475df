import { transferList, type CreditMessage, type ErrorInfo, type FrameData, type PlotStats, type Snapshot, type WorkCounters, type WorkerMessage } from "../protocol/index.js";
import type { BokehPlot } from "./bokeh-plot.js";
import { FrameStats } from "./frame-stats.js";

export interface ReceiverEvents {
  finished(snapshot: Snapshot): void;
  error(error: ErrorInfo): void;
  stats(stats: PlotStats): void;
}

/**
 * The page's end of a job's data port. It holds one credit out at a time: the worker sends a frame,
 * the next animation frame shows it and sends the credit for the next one together with the
 * buffers of the frame it replaced. So nothing queues, and the worker's pace follows the display.
 */
export class FrameReceiver {
  readonly stats = new FrameStats();
  /** Whether the job runs: only then do refreshes without a new frame count as dropped. */
  private running = false;
  private pending: { seq: number; data: FrameData; counters: WorkCounters } | undefined;
  private shownSeq = 0;
  private readonly waiting = new Set<{ seq: number; resolve: () => void }>();
  private shown: FrameData | null = null;
  private animationFrame = 0;
  private closed = false;

  constructor(
    private readonly port: MessagePort,
    private readonly plot: BokehPlot,
    private readonly events: ReceiverEvents,
  ) {
    port.onmessage = (event: MessageEvent<WorkerMessage>) => this.receive(event.data);
    this.credit(null);
  }

  setRunning(running: boolean): void {
    this.running = running;
    if (!running) this.stats.pause();
  }

  /**
   * Resolves once frame `seq` (or a later one) is on screen. Bounded, because animation frames
   * stop in a hidden tab: a control call must not hang on that.
   */
  whenShown(seq: number, timeoutMs = 1000): Promise<void> {
    if (seq <= this.shownSeq || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = {
        seq,
        resolve: () => {
          clearTimeout(timer);
          this.waiting.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.resolve, timeoutMs);
      this.waiting.add(waiter);
    });
  }

  close(): void {
    this.closed = true;
    for (const waiter of [...this.waiting]) waiter.resolve();
    cancelAnimationFrame(this.animationFrame);
    this.port.onmessage = null;
    this.port.close();
  }

  private receive(message: WorkerMessage): void {
    if (this.closed) return;
    switch (message.type) {
      case "frame":
        this.pending = message;
        this.animationFrame ||= requestAnimationFrame(this.show);
        break;
      case "finished":
        this.events.finished(message.snapshot);
        break;
      case "error":
        this.events.error(message.error);
        break;
    }
  }

  private readonly show = (now: number): void => {
    this.animationFrame = 0;
    const frame = this.pending;
    if (this.closed || !frame) return;
    this.pending = undefined;
    const started = performance.now();
    this.plot.apply(frame.data);
    const cost = performance.now() - started;
    // BokehJS now holds the new frame's arrays; the old ones can go back to the worker's pool.
    this.credit(this.shown);
    this.shown = frame.data;
    this.shownSeq = frame.seq;
    for (const waiter of [...this.waiting]) if (waiter.seq <= frame.seq) waiter.resolve();
    this.stats.record(now, cost, frameBytes(frame.data), frame.counters, this.running);
    const report = this.stats.report(now);
    if (report) this.events.stats(report);
  };

  private credit(spent: FrameData | null): void {
    const message: CreditMessage = { type: "credit", spent };
    this.port.postMessage(message, spent ? transferList(spent) : []);
  }
}

function frameBytes(frame: FrameData): number {
  let bytes = 0;
  for (const source of Object.values(frame)) {
    for (const column of Object.values(source.columns)) bytes += source.length * column.BYTES_PER_ELEMENT;
  }
  return bytes;
}
