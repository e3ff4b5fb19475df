import type { Column, ColumnType, SourceSpec } from "../../protocol/index.js";
import { ColumnExtents } from "./extents.js";

/**
 * Points `start` to `end` (absolute indices, never reused) of a source's columns. Point i is at
 * slot `i % capacity`: a replace source holds points [0, length), an append source is a ring.
 */
export interface Series {
  columns: Record<string, Column>;
  start: number;
  end: number;
  capacity: number;
  /** Changes whenever points already seen may have changed (a replace source's every write). */
  generation: number;
}

/** Columns of `size` elements each, typed as `columns` says: Float64Array for "f64", Uint32Array for "u32". */
export function newColumns(columns: Record<string, ColumnType>, size: number): Record<string, Column> {
  return Object.fromEntries(Object.entries(columns).map(([name, type]) => [name, type === "u32" ? new Uint32Array(size) : new Float64Array(size)]));
}

/** Most points an append source takes per `write` call: the engine calls again while a call fills it. */
export const APPEND_CHUNK = 65_536;

/** Told before points leave an append source's ring, while their values can still be read. */
export type EvictionListener = (series: Series, newStart: number) => void;

/**
 * What one job source holds in the engine. A job writes into `staging`; `commit` takes the write:
 * a replace source's staging is its series, an append source's new points move into the ring.
 */
export class SourceStore {
  readonly staging: { length: number; columns: Record<string, Column> };
  readonly series: Series;
  readonly append: boolean;
  private readonly listeners: EvictionListener[] = [];
  /** Block extents of the columns an auto axis reads (append sources only). */
  private readonly extentsByColumn = new Map<string, ColumnExtents>();

  constructor(spec: SourceSpec) {
    this.append = spec.mode === "append";
    this.staging = { length: 0, columns: newColumns(spec.columns, this.append ? Math.min(spec.capacity, APPEND_CHUNK) : spec.capacity) };
    this.series = { columns: this.append ? newColumns(spec.columns, spec.capacity) : this.staging.columns, start: 0, end: 0, capacity: spec.capacity, generation: 0 };
  }

  /** The block extents of an append source's column, kept from now on as points join. */
  extents(column: string): ColumnExtents {
    let extents = this.extentsByColumn.get(column);
    if (!extents) {
      extents = new ColumnExtents(column, this.series.capacity);
      extents.update(this.series);
      this.extentsByColumn.set(column, extents);
    }
    return extents;
  }

  onEvict(listener: EvictionListener): void {
    this.listeners.push(listener);
  }

  /** The staging's room: an append write that fills it has more to give. */
  get chunk(): number {
    return Object.values(this.staging.columns)[0]?.length ?? 0;
  }

  /** Takes what the job wrote into staging; answers whether the job may have more to append. */
  commit(): boolean {
    const series = this.series;
    const length = Math.max(0, Math.min(this.staging.length | 0, this.chunk));
    if (!this.append) {
      series.start = 0;
      series.end = length;
      series.generation++;
      return false;
    }
    if (length === 0) return false;
    const newStart = Math.max(series.start, series.end + length - series.capacity);
    if (newStart > series.start) {
      for (const listener of this.listeners) listener(series, newStart);
      series.start = newStart;
    }
    for (const [name, column] of Object.entries(series.columns)) {
      const from = this.staging.columns[name]!;
      for (let k = 0; k < length; k++) column[(series.end + k) % series.capacity] = from[k]!;
    }
    series.end += length;
    for (const extents of this.extentsByColumn.values()) extents.update(series);
    this.staging.length = 0;
    return length === this.chunk;
  }
}
