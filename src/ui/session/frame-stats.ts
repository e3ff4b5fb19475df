import type { PlotStats, WorkCounters } from "../../protocol/index.js";

/** Headless Chromium and most displays refresh at 60 Hz; dropped frames are counted against it. */
const REFRESH_MS = 1000 / 60;
/** `live-plot-stats` fires at most twice per second. */
const REPORT_MS = 500;
const COST_SAMPLES = 128;

/** Frame statistics, kept in place: recording a frame allocates nothing. */
export class FrameStats {
  readonly current: PlotStats = { fps: 0, frames: 0, droppedFrames: 0, simRate: 0, evalRate: 0, frameMsP50: 0, frameMsP95: 0, bytesPerFrame: 0 };
  private readonly costs = new Float64Array(COST_SAMPLES);
  private costCount = 0;
  private lastShownAt: number | undefined;
  private windowStart: number | undefined;
  private windowFrames = 0;
  private windowSteps = 0;
  private windowEvals = 0;
  private steps = 0;
  private evals = 0;

  /** A frame was shown at `now` (the animation frame's time) and took `costMs` of main-thread time. */
  record(now: number, costMs: number, bytes: number, counters: WorkCounters, running: boolean): void {
    const s = this.current;
    if (running && this.lastShownAt !== undefined) {
      s.droppedFrames += Math.max(0, Math.round((now - this.lastShownAt) / REFRESH_MS) - 1);
    }
    this.lastShownAt = running ? now : undefined;
    s.frames++;
    s.bytesPerFrame = bytes;
    this.costs[this.costCount++ % COST_SAMPLES] = costMs;
    // A reset or restart starts the job's counters again: start the rate window with them.
    if (counters.steps < this.steps) this.windowStart = undefined;
    this.steps = counters.steps;
    this.evals = counters.evals ?? 0;
    if (counters.connection) s.connection = counters.connection;
    if (this.windowStart === undefined) this.beginWindow(now);
    else this.windowFrames++;
  }

  /** Stopped: the pause until the next start is no dropped frame. */
  pause(): void {
    this.lastShownAt = undefined;
    this.windowStart = undefined;
  }

  /** Fresh figures for the window that just ended, or undefined if it has not lasted long enough. */
  report(now: number): PlotStats | undefined {
    if (this.windowStart === undefined || now - this.windowStart < REPORT_MS) return undefined;
    const s = this.current;
    const seconds = (now - this.windowStart) / 1000;
    s.fps = this.windowFrames / seconds;
    s.simRate = (this.steps - this.windowSteps) / seconds;
    s.evalRate = (this.evals - this.windowEvals) / seconds;
    const sorted = this.costs.slice(0, Math.min(this.costCount, COST_SAMPLES)).sort();
    s.frameMsP50 = quantile(sorted, 0.5);
    s.frameMsP95 = quantile(sorted, 0.95);
    this.beginWindow(now);
    return { ...s };
  }

  private beginWindow(now: number): void {
    this.windowStart = now;
    this.windowFrames = 0;
    this.windowSteps = this.steps;
    this.windowEvals = this.evals;
  }
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
