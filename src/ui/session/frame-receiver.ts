import { LivePlotError, toErrorInfo, transferList, type ErrorInfo, type ExportedData, type PickedPoint, type FrameData, type PageMessage, type PanelRanges, type PlotStats, type PushChunk, type Snapshot, type WorkCounters, type WorkerMessage } from "../../protocol/index.js";
import { cancelShow, requestShow } from "../bokeh/animation-pass.js";
import type { BokehPlot } from "../bokeh/plot.js";
import { FrameStats } from "./frame-stats.js";
import { chunkBuffers } from "./push-rows.js";

/**
 * Rows pushed wait at most this long before they go to the worker (they go sooner with the next
 * credit): pushes between two frames travel together, whether or not frames are flowing.
 */
const PUSH_BATCH_MS = 16;

/** What the worker answers to a request on the data port. */
type Answer = Extract<WorkerMessage, { request: number }>;

export interface ReceiverEvents {
  finished(snapshot: Snapshot): void;
  error(error: ErrorInfo): void;
  stats(stats: PlotStats): void;
}

/**
 * The page's end of a job's data port. It holds one credit out at a time: the worker sends a frame,
 * the next animation frame shows it and sends the credit for the next one together with the
 * buffers of the frame it replaced. So nothing queues, and the worker's pace follows the display.
 * It also tells the worker what the plot shows (its view, for the reduction) and whether the plot
 * can be seen at all: out of sight, frames are neither drawn nor asked for.
 */
export class FrameReceiver {
  readonly stats = new FrameStats();
  /** Whether the job runs: only then do refreshes without a new frame count as dropped. */
  private running = false;
  private pending: { seq: number; data: FrameData; counters: WorkCounters; ranges: PanelRanges[] } | undefined;
  /** The plot can be seen (in the viewport, not hidden, the tab in front). */
  private seen = true;
  /** The last view sent, to send only changes. */
  private viewKey = "";
  /** When the last frame arrived, or frames began to be expected (running and in sight). */
  private lastHeard = performance.now();
  private shownSeq = 0;
  private readonly waiting = new Set<{ seq: number; resolve: () => void }>();
  private shown: FrameData | null = null;
  private closed = false;
  /** Rows pushed and not yet sent, oldest first; and older rows dropped, which the job would not keep. */
  private batch: PushChunk[] = [];
  private batchRows = 0;
  private skipped = 0;
  private batchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Requests (exports, picks) awaiting the worker's answer, by request number. */
  private readonly answers = new Map<number, (answer: Answer | undefined) => void>();
  private nextRequest = 1;

  constructor(
    private readonly port: MessagePort,
    private readonly plot: BokehPlot,
    private readonly events: ReceiverEvents,
  ) {
    port.onmessage = (event: MessageEvent<WorkerMessage>) => this.receive(event.data);
    plot.onViewChange = () => this.sendView();
    // The view goes first, so that even the first frame is reduced for what the plot shows.
    this.sendView();
    this.credit(null);
  }

  /**
   * The plot came into sight or went out of it. Out of sight it asks for no frames, and unless
   * `keepRunning`, the job pauses where it is (its state stays running); refreshes do not count
   * as dropped frames.
   */
  setSeen(seen: boolean, keepRunning: boolean): void {
    if (this.closed) return;
    const wasSeen = this.seen;
    this.seen = seen;
    this.post({ type: "pause", paused: !seen && !keepRunning });
    if (seen === wasSeen) return;
    this.lastHeard = performance.now();
    this.stats.pause();
    if (seen && this.pending) requestShow(this.show);
  }

  setRunning(running: boolean): void {
    if (running && !this.running) this.lastHeard = performance.now();
    this.running = running;
    if (!running) this.stats.pause();
  }

  /** How long a running plot in sight has had no frame (0 when none is expected). */
  silentFor(now: number): number {
    return this.running && this.seen && !this.closed ? now - this.lastHeard : 0;
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

  /**
   * Queues pushed rows for the worker. A job keeps `keep` rows: whole chunks that newer ones push
   * out of that many are dropped here (and counted), so a page that pushes while frames cannot flow
   * (a background tab) holds a window's worth at most.
   */
  push(chunk: PushChunk, keep: number): void {
    if (this.closed || chunk.rows === 0) return;
    this.batch.push(chunk);
    this.batchRows += chunk.rows;
    while (this.batchRows - this.batch[0]!.rows >= keep) {
      const dropped = this.batch.shift()!;
      this.batchRows -= dropped.rows;
      this.skipped += dropped.rows;
    }
    this.batchTimer ??= setTimeout(this.sendPushes, PUSH_BATCH_MS);
  }

  /** The full-resolution data the worker holds, rows pushed so far included. */
  async exportData(): Promise<ExportedData> {
    this.sendPushes();
    const answer = await this.ask((request) => ({ type: "export", request }));
    if (answer?.type === "exported") return answer.data;
    throw answer?.type === "export-failed" ? LivePlotError.from(answer.error) : new LivePlotError("removed", "the plot was removed before its data could be exported");
  }

  /** Each named series' point nearest `x` in panel `panel`, at full resolution ([] once closed). */
  async pick(panel: number, x: number): Promise<PickedPoint[]> {
    const answer = await this.ask((request) => ({ type: "pick", request, panel, x }));
    return answer?.type === "picked" ? answer.points : [];
  }

  /** Sends a request on the data port; resolves with the worker's answer, or undefined once closed. */
  private ask(message: (request: number) => PageMessage): Promise<Answer | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const request = this.nextRequest++;
    return new Promise((resolve) => {
      this.answers.set(request, resolve);
      this.post(message(request));
    });
  }

  private readonly sendPushes = (): void => {
    clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    if (this.closed || this.batch.length === 0) return;
    const chunks = this.batch;
    this.post({ type: "push", chunks, skipped: this.skipped }, chunkBuffers(chunks));
    this.batch = [];
    this.batchRows = 0;
    this.skipped = 0;
  };

  close(): void {
    this.closed = true;
    clearTimeout(this.batchTimer);
    for (const answer of this.answers.values()) answer(undefined);
    this.answers.clear();
    for (const waiter of [...this.waiting]) waiter.resolve();
    cancelShow(this.show);
    this.port.onmessage = null;
    this.port.close();
  }

  private receive(message: WorkerMessage): void {
    if (this.closed) return;
    switch (message.type) {
      case "frame":
        this.lastHeard = performance.now();
        this.pending = message;
        if (this.seen) requestShow(this.show);
        break;
      case "finished":
        this.events.finished(message.snapshot);
        break;
      case "error":
        this.events.error(message.error);
        break;
      case "exported":
      case "export-failed":
      case "picked":
        this.answers.get(message.request)?.(message);
        this.answers.delete(message.request);
        break;
    }
  }

  private readonly show = async (now: number): Promise<void> => {
    const frame = this.pending;
    if (this.closed || !frame || !this.seen) return;
    this.pending = undefined;
    let cost: number;
    try {
      cost = await this.plot.apply(frame.data, frame.ranges);
    } catch (error) {
      // A frame BokehJS could not take (a job module's bad data, say) ends the plot with the reason.
      return this.events.error(toErrorInfo(error, "job-failed"));
    }
    if (this.closed) return;
    // A layout change (a resize, new tick labels) can change the frame's size in pixels.
    if (this.plot.resized()) this.sendView();
    // BokehJS now holds the new frame's arrays; the old ones can go back to the worker's pool. Rows
    // pushed meanwhile go first, so that the frame the credit brings shows them.
    this.sendPushes();
    this.credit(this.shown);
    this.shown = frame.data;
    this.shownSeq = frame.seq;
    for (const waiter of [...this.waiting]) if (waiter.seq <= frame.seq) waiter.resolve();
    this.stats.record(now, cost, frameBytes(frame.data), frame.counters, this.running);
    const report = this.stats.report(now);
    if (report) this.events.stats(report);
  };

  private credit(spent: FrameData | null): void {
    this.post({ type: "credit", spent }, spent ? transferList(spent) : []);
  }

  private sendView(): void {
    const panels = this.plot.view();
    const key = JSON.stringify(panels);
    if (key === this.viewKey || this.closed) return;
    this.viewKey = key;
    this.post({ type: "view", panels });
  }

  private post(message: PageMessage, transfer: Transferable[] = []): void {
    this.port.postMessage(message, transfer);
  }
}

function frameBytes(frame: FrameData): number {
  let bytes = 0;
  for (const source of Object.values(frame)) {
    for (const column of Object.values(source.columns)) bytes += source.length * column.BYTES_PER_ELEMENT;
  }
  return bytes;
}
