import { BLOCK, type ColumnExtents } from "./extents.js";
import type { Series } from "./series.js";
import { toPixel, type Axis } from "./view.js";

/**
 * Output room for M4 over `columns` pixel columns: 4 points per column and the edge points beyond the
 * view, with room for about one line break per column (each costs up to 5 points).
 */
export const m4Capacity = (columns: number) => 9 * (columns + 2);

/**
 * M4 reduction (Jugel et al., VLDB 2014) of a series whose x ascends (no NaN x): for every
 * device-pixel column of `xAxis`, the first, lowest, highest and last point, in their order. Drawn at
 * that width, the polyline through them lights the same pixels as the polyline through all points,
 * joins between columns included (min/max alone would draw those joins wrong). Columns follow
 * BokehJS's own mapping of x to pixels, `toPixel`. The nearest point outside the view on each side is
 * kept, so lines run to the edges. A NaN y breaks the line, as it does in BokehJS, and is kept (one
 * of a run of them).
 * Each column's points are found by bisection; with `blocks` (an append source's y summary), a block
 * of points inside one column is read from its summary, so the cost is about columns × block size
 * plus the number of blocks, not the number of points.
 * Writes into `outX`/`outY` and answers how many points it wrote, or −1 when they could not hold
 * them all (breaks denser than the room allows: draw the line another way).
 */
export function m4(series: Series, xName: string, yName: string, xAxis: Axis, outX: Float64Array, outY: Float64Array, blocks?: ColumnExtents): number {
  const xs = series.columns[xName]!;
  const ys = series.columns[yName]!;
  const cap = series.capacity;
  const room = outX.length;
  const pixels = xAxis.pixels;
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
  // Points beyond the view on either side share one column each: only their last/first matters.
  const columnOf = (i: number) => {
    const p = toPixel(xAxis, xs[i % cap]!);
    return p < 0 ? -1 : p >= pixels ? pixels : Math.floor(p);
  };
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
  const hi = Math.min(series.end, firstAbove(series, xs, xAxis.end) + 1);
  for (let i = Math.max(series.start, firstAtLeast(series, xs, xAxis.start) - 1); i < hi; ) {
    // The column's points are [i, to): x ascends, so their columns do too.
    const column = columnOf(i);
    let [a, to] = [i + 1, hi];
    while (a < to) {
      const m = (a + to) >>> 1;
      if (columnOf(m) > column) to = m;
      else a = m + 1;
    }
    for (let k = i; k < to; ) {
      const slot = blocks ? blocks.wholeBlock(k, to) : -1;
      if (slot >= 0) {
        const lowest = blocks!.lowestIn(slot);
        const highest = blocks!.highestIn(slot);
        if (first < 0) {
          first = k;
          low = lowest;
          high = highest;
        } else {
          if (ys[lowest % cap]! < ys[low % cap]!) low = lowest;
          if (ys[highest % cap]! > ys[high % cap]!) high = highest;
        }
        k += BLOCK;
        last = k - 1;
        continue;
      }
      const y = ys[k % cap]!;
      if (y !== y) {
        flush();
        // A run of breaks draws as one: keep its first.
        if (!(written > 0 && outY[written - 1] !== outY[written - 1])) emit(k);
      } else if (first < 0) first = low = high = last = k;
      else {
        last = k;
        if (y < ys[low % cap]!) low = k;
        if (y > ys[high % cap]!) high = k;
      }
      k++;
    }
    flush();
    i = to;
  }
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
