import type { Column } from "../../protocol/index.js";
import type { Bounds } from "./view.js";
import type { Series } from "./series.js";

/** Points per block whose summary is kept: small enough that M4 reads whole blocks in most pixel columns. */
export const BLOCK = 64;

/**
 * A summary of an append source's column block by block, kept as blocks fill, so that a frame over a
 * ring of 10⁶ points reads ~16,000 block summaries and a few points at block edges, not every point:
 * - the extent (and the extent over positive values, for log axes) of its finite values, which an
 *   auto axis's data bounds take;
 * - the first index of its lowest and of its highest value, and whether it holds a NaN (a break),
 *   which M4 takes for every block that lies inside one pixel column.
 * A block is measured once, when its last point joins.
 */
export class ColumnExtents {
  /** Per block slot: the block it holds; its four extents; its lowest and highest points; whether it has a NaN. */
  private readonly block: Float64Array;
  private readonly extent: Float64Array;
  private readonly lowest: Float64Array;
  private readonly highest: Float64Array;
  private readonly broken: Uint8Array;
  private readonly slots: number;
  /** Blocks before this one have been measured. */
  private measured = 0;

  constructor(
    private readonly column: string,
    capacity: number,
  ) {
    this.slots = Math.ceil(capacity / BLOCK) + 1;
    this.block = new Float64Array(this.slots).fill(-1);
    this.extent = new Float64Array(4 * this.slots);
    this.lowest = new Float64Array(this.slots);
    this.highest = new Float64Array(this.slots);
    this.broken = new Uint8Array(this.slots);
  }

  /** Measures the blocks the series' new points completed (call after points join). */
  update(series: Series): void {
    const values = series.columns[this.column]!;
    const cap = series.capacity;
    const complete = Math.floor(series.end / BLOCK);
    for (let b = Math.max(this.measured, Math.floor(series.start / BLOCK)); b < complete; b++) {
      let [min, max, minPositive, maxPositive] = [Infinity, -Infinity, Infinity, -Infinity];
      let [lowest, highest, broken] = [-1, -1, 0];
      for (let i = Math.max(b * BLOCK, series.start); i < (b + 1) * BLOCK; i++) {
        const v = values[i % cap]!;
        if (v !== v) {
          broken = 1;
          continue;
        }
        if (lowest < 0 || v < values[lowest % cap]!) lowest = i;
        if (highest < 0 || v > values[highest % cap]!) highest = i;
        if (v === Infinity || v === -Infinity) continue;
        if (v < min) min = v;
        if (v > max) max = v;
        if (v > 0 && v < minPositive) minPositive = v;
        if (v > 0 && v > maxPositive) maxPositive = v;
      }
      const slot = b % this.slots;
      this.block[slot] = b;
      this.extent.set([min, max, minPositive, maxPositive], 4 * slot);
      this.lowest[slot] = lowest;
      this.highest[slot] = highest;
      this.broken[slot] = broken;
    }
    this.measured = Math.max(this.measured, complete);
  }

  /** Adds the series' kept points of this column to `bounds`: whole blocks by their extent, the rest point by point. */
  addTo(bounds: Bounds, series: Series): void {
    const values = series.columns[this.column]!;
    const first = Math.ceil(series.start / BLOCK);
    const last = Math.floor(series.end / BLOCK);
    if (last <= first) return scan(bounds, values, series, series.start, series.end);
    scan(bounds, values, series, series.start, first * BLOCK);
    for (let b = first; b < last; b++) {
      const slot = b % this.slots;
      if (this.block[slot] !== b) {
        scan(bounds, values, series, b * BLOCK, (b + 1) * BLOCK);
        continue;
      }
      const at = 4 * slot + (bounds.log ? 2 : 0);
      bounds.add(this.extent[at]!);
      bounds.add(this.extent[at + 1]!);
    }
    scan(bounds, values, series, last * BLOCK, series.end);
  }

  /**
   * The slot of the block that begins at absolute index `i` and ends by `to`, when it is measured and
   * holds no NaN; −1 for any other `i` (read its points instead).
   */
  wholeBlock(i: number, to: number): number {
    if (i % BLOCK !== 0 || i + BLOCK > to) return -1;
    const slot = (i / BLOCK) % this.slots;
    return this.block[slot] === i / BLOCK && !this.broken[slot] ? slot : -1;
  }

  /** The absolute index of the first lowest point of the block in `slot`. */
  lowestIn(slot: number): number {
    return this.lowest[slot]!;
  }

  /** The absolute index of the first highest point of the block in `slot`. */
  highestIn(slot: number): number {
    return this.highest[slot]!;
  }
}

function scan(bounds: Bounds, values: Column, series: Series, from: number, to: number): void {
  for (let i = from; i < to; i++) bounds.add(values[i % series.capacity]!);
}
