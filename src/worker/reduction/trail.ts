import type { FrameSource } from "../../protocol/index.js";
import { CountRaster } from "./raster.js";
import type { Series, SourceStore } from "./series.js";
import { toPixel, type PanelAxes } from "./view.js";

/** Raw points the vector tail may span at most, per point of its budget (a trail resting in one pixel). */
const WALK_PER_POINT = 64;

/**
 * Screen-space reduction of a polyline whose x does not ascend (a phase portrait, a trail).
 * Consecutive points in one device pixel are merged. Where the merged trail still has more points
 * than `budget`, its newest `tail` points stay a vector line and everything older is rasterised
 * into an RGBA layer drawn beneath it. For an append source the raster is kept
 * between frames: a frame draws the points that joined it and erases those that left the ring, so
 * it costs the new points, not the whole trail. A new view or a rewritten series starts it over.
 */
export class TrailReducer {
  private raster: CountRaster | undefined;
  private axes: PanelAxes | undefined;
  /** What the raster was drawn for: the view and the series' generation. */
  private key = "";
  /** The raster holds segments [rasterStart, rasterEnd), segment i joining points i and i + 1. */
  private rasterStart = 0;
  private rasterEnd = 0;

  constructor(
    private readonly xName: string,
    private readonly yName: string,
    private readonly budget: number,
    /** Merged points kept as a vector line once the trail is rasterised. */
    private readonly tail: number,
    private readonly maxRaster: { width: number; height: number },
    store: SourceStore,
  ) {
    store.onEvict((series, newStart) => this.evict(series, newStart));
  }

  /** Writes the vector tail into `line` and the raster beneath it into `layer` (empty when none is needed). */
  reduce(series: Series, axes: PanelAxes, color: number, line: FrameSource, layer: FrameSource): void {
    const key = `${axes.key}|${series.generation}`;
    if (key !== this.key) {
      this.key = key;
      this.axes = axes;
      const { width, height } = this.rasterSize(axes);
      if (this.raster?.width === width && this.raster.height === height) this.raster.clear();
      else this.raster = undefined;
      this.rasterStart = this.rasterEnd = series.start;
    }
    const boundary = Math.max(this.rasterEnd, this.tailStart(series, axes));
    if (boundary > this.rasterEnd) {
      if (!this.raster) {
        const { width, height } = this.rasterSize(axes);
        this.raster = new CountRaster(width, height);
      }
      for (let i = this.rasterEnd; i < boundary; i++) this.draw(series, i, 1);
      this.rasterEnd = boundary;
    }
    line.length = this.vector(series, axes, boundary, line.columns.x as Float64Array, line.columns.y as Float64Array);
    const raster = this.raster;
    if (!raster || this.rasterEnd <= this.rasterStart) {
      layer.length = 0;
      layer.image = undefined;
      return;
    }
    raster.paint(color, layer.columns.rgba as Uint32Array);
    layer.length = raster.width * raster.height;
    layer.image = { width: raster.width, height: raster.height, ...placement(axes) };
  }

  private evict(series: Series, newStart: number): void {
    if (this.raster && this.axes) {
      for (let i = this.rasterStart; i < Math.min(newStart, this.rasterEnd); i++) this.draw(series, i, -1);
    }
    this.rasterStart = Math.max(this.rasterStart, newStart);
    this.rasterEnd = Math.max(this.rasterEnd, newStart);
  }

  private rasterSize(axes: PanelAxes): { width: number; height: number } {
    return { width: Math.min(axes.x.pixels, this.maxRaster.width), height: Math.min(axes.y.pixels, this.maxRaster.height) };
  }

  /** Adds (or with −1 removes) segment i, from point i to point i + 1, in the raster's pixels. */
  private draw(series: Series, i: number, delta: number): void {
    const axes = this.axes!;
    const raster = this.raster!;
    const xs = series.columns[this.xName]!;
    const ys = series.columns[this.yName]!;
    const cap = series.capacity;
    const sx = raster.width / axes.x.pixels;
    const sy = raster.height / axes.y.pixels;
    const a = i % cap;
    const b = (i + 1) % cap;
    const [x0, y0, x1, y1] = [toPixel(axes.x, xs[a]!) * sx, toPixel(axes.y, ys[a]!) * sy, toPixel(axes.x, xs[b]!) * sx, toPixel(axes.y, ys[b]!) * sy];
    // A step inside one pixel adds nothing the steps into and out of that pixel do not already show
    // (and a resting trail would pile up coverage there).
    if (Math.floor(x0) === Math.floor(x1) && Math.floor(y0) === Math.floor(y1)) return;
    raster.segment(x0, y0, x1, y1, delta);
  }

  /**
   * Where the vector part begins: at the oldest point while the whole trail merges to at most
   * `budget` points; past that, `tail` merged points back from the newest (the raster takes the rest:
   * a long vector path costs the page more to draw than the raster beneath it). The walk is bounded.
   */
  private tailStart(series: Series, axes: PanelAxes): number {
    const xs = series.columns[this.xName]!;
    const ys = series.columns[this.yName]!;
    const cap = series.capacity;
    const stop = Math.max(series.start, series.end - this.budget * WALK_PER_POINT);
    let count = 0;
    let px = NaN;
    let py = NaN;
    let tailStart = stop;
    for (let i = series.end - 1; i >= stop; i--) {
      const s = i % cap;
      const qx = Math.floor(toPixel(axes.x, xs[s]!));
      const qy = Math.floor(toPixel(axes.y, ys[s]!));
      if (qx !== px || qy !== py) {
        count++;
        if (count === this.tail + 1) tailStart = i + 1;
        if (count > this.budget) return tailStart;
        px = qx;
        py = qy;
      }
    }
    return stop === series.start ? stop : tailStart;
  }

  /** Points [from, end) with consecutive points in one device pixel merged (the last point always kept). */
  private vector(series: Series, axes: PanelAxes, from: number, outX: Float64Array, outY: Float64Array): number {
    const xs = series.columns[this.xName]!;
    const ys = series.columns[this.yName]!;
    const cap = series.capacity;
    let written = 0;
    let px = NaN;
    let py = NaN;
    for (let i = from; i < series.end && written < outX.length; i++) {
      const s = i % cap;
      const qx = Math.floor(toPixel(axes.x, xs[s]!));
      const qy = Math.floor(toPixel(axes.y, ys[s]!));
      if (qx === px && qy === py && i !== series.end - 1) continue;
      px = qx;
      py = qy;
      outX[written] = xs[s]!;
      outY[written++] = ys[s]!;
    }
    return written;
  }
}

/** The data rectangle of a layer that covers the whole view. */
export function placement(axes: PanelAxes): { x: number; y: number; dw: number; dh: number } {
  return { x: axes.x.start, y: axes.y.start, dw: axes.x.end - axes.x.start, dh: axes.y.end - axes.y.start };
}
