import type { Series } from "./series.js";
import { toPixel, type Axis } from "./view.js";

/**
 * Output room for M4 over `columns` pixel columns: 4 points per column and the edge points beyond the
 * view, with room for about one line break per column (each costs up to 5 points).
 */
export const m4Capacity = (columns: number) => 9 * (columns + 2);

/**
 * M4 reduction (Jugel et al., VLDB 2014) of a series whose x ascends: for every device-pixel column
 * of `xAxis`, the first, lowest, highest and last point, in their order. Drawn at that width, the
 * polyline through them lights the same pixels as the polyline through all points, joins between
 * columns included (min/max alone would draw those joins wrong). Columns follow BokehJS's own
 * mapping of x to pixels, `toPixel`. The nearest point outside the view on each side is kept, so
 * lines run to the edges. A NaN y breaks the line, as it does in BokehJS, and is kept.
 * Writes into `outX`/`outY` and answers how many points it wrote, or −1 when they could not hold
 * them all (breaks denser than the room allows: draw the line another way).
 */
export function m4(series: Series, xName: string, yName: string, xAxis: Axis, outX: Float64Array, outY: Float64Array): number {
  const xs = series.columns[xName]!;
  const ys = series.columns[yName]!;
  const cap = series.capacity;
  const room = outX.length;
  let written = 0;
  let overflow = false;
  const emit = (i: number) => {
    if (written >= room) {
      overflow = true;
      return;
    }
    const s = i % cap;
    outX[written] = xs[s]!;
    outY[written++] = ys[s]!;
  };
  const lo = Math.max(series.start, firstAtLeast(series, xs, xAxis.start) - 1);
  const hi = Math.min(series.end, firstAbove(series, xs, xAxis.end) + 1);
  const pixels = xAxis.pixels;
  let column = NaN;
  let first = -1;
  let low = -1;
  let high = -1;
  let last = -1;
  const flush = () => {
    if (first < 0) return;
    // The four in index order, each once.
    const a = Math.min(low, high);
    const b = Math.max(low, high);
    emit(first);
    if (a !== first) emit(a);
    if (b !== a && b !== first) emit(b);
    if (last !== b && last !== first) emit(last);
    first = -1;
  };
  for (let i = lo; i < hi; i++) {
    const s = i % cap;
    const y = ys[s]!;
    // Points beyond the view on either side share one column each: only their last/first matters.
    const p = toPixel(xAxis, xs[s]!);
    const c = p < 0 ? -1 : p >= pixels ? pixels : Math.floor(p);
    if (y !== y) {
      flush();
      emit(i);
      column = NaN;
      continue;
    }
    if (c !== column || first < 0) {
      flush();
      column = c;
      first = low = high = last = i;
      continue;
    }
    last = i;
    if (y < ys[low % cap]!) low = i;
    if (y > ys[high % cap]!) high = i;
  }
  flush();
  return overflow ? -1 : written;
}

/** The first absolute index whose x is ≥ v (x ascending), or `end`. */
function firstAtLeast(series: Series, xs: ArrayLike<number>, v: number): number {
  let [a, b] = [series.start, series.end];
  while (a < b) {
    const m = (a + b) >>> 1;
    if (xs[m % series.capacity]! < v) a = m + 1;
    else b = m;
  }
  return a;
}

/** The first absolute index whose x is > v (x ascending), or `end`. */
function firstAbove(series: Series, xs: ArrayLike<number>, v: number): number {
  let [a, b] = [series.start, series.end];
  while (a < b) {
    const m = (a + b) >>> 1;
    if (xs[m % series.capacity]! <= v) a = m + 1;
    else b = m;
  }
  return a;
}
