import type { PanelRanges, PanelView } from "../../protocol/index.js";

/** One axis as the page draws it: data `start`–`end` over `pixels` device pixels, linear or log. */
export interface Axis {
  start: number;
  end: number;
  pixels: number;
  log: boolean;
}

/** Where value `v` falls, in device pixels from the axis's start (fractional; NaN off a log axis). */
export function toPixel(axis: Axis, v: number): number {
  if (axis.log) return ((Math.log10(v) - Math.log10(axis.start)) / (Math.log10(axis.end) - Math.log10(axis.start))) * axis.pixels;
  return ((v - axis.start) / (axis.end - axis.start)) * axis.pixels;
}

/** A panel's two axes as reduced for, and a key that changes when any of it does. */
export interface PanelAxes {
  x: Axis;
  y: Axis;
  pixelRatio: number;
  key: string;
}

export function panelAxes(ranges: PanelRanges, view: PanelView, yLog: boolean): PanelAxes {
  const width = Math.max(1, Math.round(view.width));
  const height = Math.max(1, Math.round(view.height));
  return {
    x: { start: ranges.x[0], end: ranges.x[1], pixels: width, log: false },
    y: { start: ranges.y[0], end: ranges.y[1], pixels: height, log: yLog },
    pixelRatio: view.pixelRatio,
    key: `${ranges.x[0]},${ranges.x[1]},${ranges.y[0]},${ranges.y[1]},${width},${height},${view.pixelRatio}`,
  };
}

/** Data bounds being gathered: [min, max] per axis, of finite values (positive ones on a log axis). */
export class Bounds {
  min = Infinity;
  max = -Infinity;

  constructor(readonly log: boolean) {}

  add(v: number): void {
    if (!(v === v && v !== Infinity && v !== -Infinity) || (this.log && v <= 0)) return;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  get empty(): boolean {
    return this.min > this.max;
  }
}

/** Share of the data's span added on each side of an "auto" range, as BokehJS's DataRange1d does. */
const PADDING = 0.05;

/** The range an "auto" axis shows for `bounds`: the data plus a margin (in decades on a log axis). */
export function paddedRange(bounds: Bounds): [number, number] {
  if (bounds.empty) return bounds.log ? [1, 10] : [0, 1];
  if (bounds.log) {
    const [a, b] = [Math.log10(bounds.min), Math.log10(bounds.max)];
    const pad = b > a ? (b - a) * PADDING : 0.5;
    return [10 ** (a - pad), 10 ** (b + pad)];
  }
  const span = bounds.max - bounds.min;
  const pad = span > 0 ? span * PADDING : Math.max(Math.abs(bounds.min) * PADDING, 0.5);
  return [bounds.min - pad, bounds.max + pad];
}

/**
 * The range an "auto" axis shows for `bounds`, given the one it showed before: that one stays while
 * the data fits in it and fills at least half of it; otherwise the axis jumps to the padded data with
 * room to grow (a quarter of the span beyond each side the data crossed). So a growing series moves
 * its axis now and then, not every frame: each move re-measures and redraws the axis.
 */
export function followRange(bounds: Bounds, previous: readonly [number, number] | undefined): [number, number] {
  const tight = paddedRange(bounds);
  if (!previous || bounds.empty) return tight;
  const to = bounds.log ? Math.log10 : (v: number) => v;
  const from = bounds.log ? (v: number) => 10 ** v : (v: number) => v;
  const [a, b] = [to(previous[0]), to(previous[1])];
  const [lo, hi] = [to(tight[0]), to(tight[1])];
  const inside = to(bounds.min) >= a && to(bounds.max) <= b;
  if (inside && hi - lo >= 0.5 * (b - a)) return [previous[0], previous[1]];
  if (!inside && hi - lo >= 0.5 * (b - a)) {
    const room = 0.25 * (hi - lo);
    return [from(to(bounds.min) < a ? lo - room : Math.min(lo, a)), from(to(bounds.max) > b ? hi + room : Math.max(hi, b))];
  }
  return tight;
}
