import type { Column } from "../../protocol/index.js";
import type { Bounds } from "./view.js";
import type { Series } from "./series.js";

/** Points per block whose extent is kept. */
const BLOCK = 4096;

/**
 * The extent of an append source's column block by block, kept as blocks fill: an auto axis's data
 * bounds over a ring of 10⁶ points then look at ~250 block extents and two part-blocks, not at every
 * point each frame. A block's extent is taken once, when its last point joins.
 */
export class ColumnExtents {
  /** Per block slot: the block it holds, and its min and max, and its min and max over positive values (log axes). */
  private readonly block: Float64Array;
  private readonly extent: Float64Array;
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
  }

  /** Measures the blocks the series' new points completed (call after points join). */
  update(series: Series): void {
    const values = series.columns[this.column]!;
    const complete = Math.floor(series.end / BLOCK);
    for (let b = Math.max(this.measured, Math.floor(series.start / BLOCK)); b < complete; b++) {
      let [min, max, minPositive, maxPositive] = [Infinity, -Infinity, Infinity, -Infinity];
      for (let i = Math.max(b * BLOCK, series.start); i < (b + 1) * BLOCK; i++) {
        const v = values[i % series.capacity]!;
        if (!(v === v && v !== Infinity && v !== -Infinity)) continue;
        if (v < min) min = v;
        if (v > max) max = v;
        if (v > 0 && v < minPositive) minPositive = v;
        if (v > 0 && v > maxPositive) maxPositive = v;
      }
      const slot = b % this.slots;
      this.block[slot] = b;
      this.extent.set([min, max, minPositive, maxPositive], 4 * slot);
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
}

function scan(bounds: Bounds, values: Column, series: Series, from: number, to: number): void {
  for (let i = from; i < to; i++) bounds.add(values[i % series.capacity]!);
}
