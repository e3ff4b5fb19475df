// A job run on the page's main thread, the way the seed notebook ran its loop: the engine's own job
// code (built-in or a job module), advanced and written once per animation frame, every point kept
// at full resolution — no worker, no reduction. The peers of the benchmark draw what it holds.
import { LivePlotError, type FrameData, type FrameSource, type Job, type PanelRanges, type PanelSpec, type Scene, type SourceSpec } from "../../src/protocol/index.js";
import { checkJob } from "../../src/worker/engine/check-job.js";
import { loadJobFactory } from "../../src/worker/jobs/index.js";

/** A frame never advances the simulation by more than this (a stall is not caught up in one go). */
const MAX_ADVANCE_MS = 100;
/** An append source that fills its buffers in one write is asked again, up to this many times a frame. */
const MAX_APPEND_WRITES = 64;

const makeColumn = (type: "f64" | "u32", length: number) => (type === "f64" ? new Float64Array(length) : new Uint32Array(length));

/** Buffers of a source at its full capacity. */
export function sourceBuffers(spec: SourceSpec): FrameSource {
  return { length: 0, columns: Object.fromEntries(Object.entries(spec.columns).map(([name, type]) => [name, makeColumn(type, spec.capacity)])) };
}

/**
 * The newest `capacity` rows of an append source, oldest first: what the engine keeps for it.
 * Rows are moved down when it is full (main-thread work the seed's approach would do too).
 */
export class AppendWindow {
  readonly kept: FrameSource;

  constructor(private readonly capacity: number, spec: SourceSpec) {
    this.kept = sourceBuffers(spec);
  }

  add(part: FrameSource): void {
    const rows = Math.min(part.length, this.capacity);
    const keep = Math.min(this.kept.length, this.capacity - rows);
    for (const [name, column] of Object.entries(this.kept.columns)) {
      column.copyWithin(0, this.kept.length - keep, this.kept.length);
      column.set(part.columns[name]!.subarray(part.length - rows, part.length), keep);
    }
    this.kept.length = keep + rows;
  }
}

/** The data extent of the named columns over the glyphs of a panel that draw lines or points, padded by 5 %. */
function extent(panel: PanelSpec, frame: FrameData, axis: "x" | "y"): readonly [number, number] {
  let [low, high] = [Infinity, -Infinity];
  for (const glyph of panel.glyphs) {
    if (glyph.kind === "image") continue;
    const part = frame[glyph.source]!;
    const column = part.columns[glyph[axis]]!;
    for (let i = 0; i < part.length; i++) {
      const value = column[i]!;
      if (value < low) low = value;
      if (value > high) high = value;
    }
  }
  if (!(low <= high)) return [0, 1];
  const pad = high > low ? 0.05 * (high - low) : 0.5;
  return [low - pad, high + pad];
}

export class MainThreadJob {
  /** What is drawn: replace sources as the job wrote them, append sources as their windows. */
  private readonly shown: FrameData;
  private readonly windows = new Map<string, AppendWindow>();
  /** The buffers the job writes into (the shown frame's, for replace sources). */
  private readonly written: FrameData;
  private last: number | undefined;

  private constructor(private readonly job: Job) {
    const scene = job.scene;
    this.written = Object.fromEntries(Object.entries(scene.sources).map(([name, spec]) => [name, sourceBuffers(spec)]));
    this.shown = { ...this.written };
    for (const [name, spec] of Object.entries(scene.sources)) {
      if (spec.mode !== "append") continue;
      const window = new AppendWindow(spec.capacity, spec);
      this.windows.set(name, window);
      this.shown[name] = window.kept;
    }
    for (const glyph of [scene, ...(scene.panels ?? [])].flatMap((panel) => panel.glyphs)) {
      if (glyph.kind !== "image") continue;
      // The plot reads an image's pixels from a column named "rgba", as the engine's frames name it.
      if (glyph.image !== "rgba") throw new LivePlotError("invalid-module", `the main-thread mode draws image columns named "rgba" only, not "${glyph.image}"`);
      const { width, height, x, y, dw, dh } = glyph;
      this.shown[glyph.source]!.image = { width, height, x, y, dw, dh };
    }
  }

  /** Loads `job` (a built-in job's name, or a job module's URL, resolved against the page) and creates it. */
  static async create(job: string, params: Record<string, unknown>, viewport: { width: number; height: number }): Promise<MainThreadJob> {
    const url = /^[a-z-]+$/.test(job) ? job : new URL(job, document.baseURI).href;
    const factory = await loadJobFactory(url);
    return new MainThreadJob(checkJob(await factory(params, { maxPoints: undefined, baseUrl: document.baseURI, viewport })));
  }

  get scene(): Scene {
    return this.job.scene;
  }

  /** Advances the simulation by the time since the previous frame and writes it: the frame to draw, at full resolution. */
  frame(now: number): FrameData {
    this.job.advance(Math.min(MAX_ADVANCE_MS, now - (this.last ?? now)));
    this.last = now;
    this.job.write(this.written);
    for (const [name, window] of this.windows) {
      const part = this.written[name]!;
      window.add(part);
      // A write that filled the buffers may have more to give (the engine asks again too).
      for (let i = 0; i < MAX_APPEND_WRITES && part.length === part.columns[Object.keys(part.columns)[0]!]!.length; i++) {
        this.job.write(this.written);
        window.add(part);
      }
    }
    return this.shown;
  }

  /** Each panel's ranges for a frame: the scene's own where fixed, the data's extent where "auto". */
  ranges(frame: FrameData): PanelRanges[] {
    const scene = this.job.scene;
    return [scene, ...(scene.panels ?? [])].map((panel) => ({
      x: panel.xRange === undefined || panel.xRange === "auto" ? extent(panel, frame, "x") : panel.xRange,
      y: panel.yRange === undefined || panel.yRange === "auto" ? extent(panel, frame, "y") : panel.yRange,
    }));
  }

  get steps(): number {
    return this.job.counters().steps;
  }

  dispose(): void {
    this.job.dispose?.();
  }
}
