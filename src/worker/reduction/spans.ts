import type { FrameSource } from "../../protocol/index.js";
import { placement } from "./trail.js";
import { toPixel, type PanelAxes } from "./view.js";

/**
 * When a line is drawn as column spans: its M4 points average more than ZIGZAG_POINTS per pixel
 * column (a smooth line has about 2: each column's first and last) and it travels more than
 * DENSE_TRAVEL device pixels up and down per column. Measured in software-rendered Chromium, a
 * 1.5-pixel stroke through 3,200 points costs 1.6 ms flat, 4.4 ms zigzagging 10 pixels per column and
 * 30 ms through full-height zigzags; the spans cost one image whatever the data.
 */
const ZIGZAG_POINTS = 3;
const DENSE_TRAVEL = 4;

/**
 * A line drawn as what it covers in each pixel column: the rows between the lowest and highest point
 * the polyline reaches in that column, widened by half the line's width (up and down, and into the
 * columns beside), painted into an RGBA layer.
 * Where a line zigzags through every column (M4 of dense data), that is what a stroke of it covers;
 * the page then draws one image instead of stroking thousands of long segments.
 */
export class SpanPainter {
  /** Per raster column: the lowest and highest raster row the line reaches. */
  private readonly low: Float64Array;
  private readonly high: Float64Array;

  constructor(
    private readonly maxRaster: { width: number; height: number },
    /** The line's width, in CSS pixels. */
    private readonly lineWidth: number,
  ) {
    this.low = new Float64Array(maxRaster.width);
    this.high = new Float64Array(maxRaster.width);
  }

  /** Whether the polyline of `n` points zigzags so far up and down that it is drawn as spans. */
  dense(ys: Float64Array, n: number, axes: PanelAxes): boolean {
    if (n <= ZIGZAG_POINTS * axes.x.pixels) return false;
    let travel = 0;
    let previous = NaN;
    for (let i = 0; i < n; i++) {
      const y = toPixel(axes.y, ys[i]!);
      // NaN (a break) makes the step NaN, and a NaN never adds (travel stays a number).
      const step = Math.abs(y - previous);
      if (step === step) travel += step;
      previous = y;
    }
    return travel > DENSE_TRAVEL * axes.x.pixels;
  }

  /** Paints the polyline of `n` points as column spans of `color` into `layer`, placed over the view. */
  paint(xs: Float64Array, ys: Float64Array, n: number, axes: PanelAxes, color: number, layer: FrameSource): void {
    const width = Math.min(axes.x.pixels, this.maxRaster.width);
    const height = Math.min(axes.y.pixels, this.maxRaster.height);
    const sx = width / axes.x.pixels;
    const sy = height / axes.y.pixels;
    const { low, high } = this;
    low.fill(Infinity, 0, width);
    high.fill(-Infinity, 0, width);
    for (let i = 0; i + 1 < n; i++) {
      const x0 = toPixel(axes.x, xs[i]!) * sx;
      const y0 = toPixel(axes.y, ys[i]!) * sy;
      const x1 = toPixel(axes.x, xs[i + 1]!) * sx;
      const y1 = toPixel(axes.y, ys[i + 1]!) * sy;
      if (!Number.isFinite(x0 + y0 + x1 + y1)) continue;
      const slope = x1 === x0 ? 0 : (y1 - y0) / (x1 - x0);
      const left = Math.min(x0, x1);
      const right = Math.max(x0, x1);
      // Each column the segment crosses: where it enters and leaves that column.
      for (let c = Math.max(0, Math.floor(left)); c <= Math.min(width - 1, Math.floor(right)); c++) {
        const ya = x1 === x0 ? y0 : y0 + slope * (Math.max(left, c) - x0);
        const yb = x1 === x0 ? y1 : y0 + slope * (Math.min(right, c + 1) - x0);
        low[c] = Math.min(low[c]!, ya, yb);
        high[c] = Math.max(high[c]!, ya, yb);
      }
    }
    const rgba = layer.columns.rgba as Uint32Array;
    rgba.fill(0, 0, width * height);
    // A stroke reaches half its width beyond the line: rows above and below, and whole columns aside.
    const half = (this.lineWidth * axes.pixelRatio * sy) / 2;
    const reach = Math.max(0, Math.ceil((this.lineWidth * axes.pixelRatio * sx) / 2 - 0.5));
    const rgb = color & 0xffffff;
    const alpha = color >>> 24;
    for (let c = 0; c < width; c++) {
      let lowest = Infinity;
      let highest = -Infinity;
      for (let k = Math.max(0, c - reach); k <= Math.min(width - 1, c + reach); k++) {
        lowest = Math.min(lowest, low[k]!);
        highest = Math.max(highest, high[k]!);
      }
      if (!(lowest <= highest)) continue;
      const bottom = lowest - half;
      const top = highest + half;
      for (let row = Math.max(0, Math.floor(bottom)); row <= Math.min(height - 1, Math.floor(top)); row++) {
        // The share of this row the span covers: partial at its two ends.
        const cover = Math.min(top, row + 1) - Math.max(bottom, row);
        rgba[row * width + c] = ((Math.round(alpha * Math.min(1, cover)) << 24) | rgb) >>> 0;
      }
    }
    layer.length = width * height;
    layer.image = { width, height, ...placement(axes) };
  }
}
