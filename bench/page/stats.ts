// The benchmark's arithmetic, pure (no DOM): percentiles of frame intervals, the display's refresh
// period, missed refreshes, and ratios. The page, the CLI and the unit tests share it.

/**
 * The p-th percentile (0 to 100) of `sorted` (ascending) by nearest rank: the smallest value with at
 * least p % of the values at or below it. An empty list has none (NaN).
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface FrameTimes {
  p50: number;
  p95: number;
  p99: number;
  /** The 0th to 100th percentile, one per whole percent: the distribution, drawn by the page and the report. */
  distribution: number[];
}

/** Percentiles of frame intervals (ms). */
export function frameTimes(intervals: ArrayLike<number>): FrameTimes {
  const sorted = Float64Array.from(intervals).sort();
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    distribution: Array.from({ length: 101 }, (_, p) => percentile(sorted, p)),
  };
}

/**
 * The display's refresh period (ms) from animation-frame intervals of an idle page: their median,
 * which the odd late frame does not move (so a 120 or 144 Hz display counts as what it is).
 */
export function refreshPeriod(idleIntervals: ArrayLike<number>): number {
  const sorted = Float64Array.from(idleIntervals).sort();
  const middle = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A late frame is one whose interval exceeds this many refresh periods (a display's timing jitters). */
export const LATE_FACTOR = 1.5;

/**
 * Refreshes that passed without a frame: an interval longer than LATE_FACTOR periods missed
 * round(interval / period) − 1 of them; shorter ones missed none.
 */
export function missedRefreshes(intervals: ArrayLike<number>, period: number): number {
  let missed = 0;
  for (let i = 0; i < intervals.length; i++) {
    const interval = intervals[i]!;
    if (interval > LATE_FACTOR * period) missed += Math.round(interval / period) - 1;
  }
  return missed;
}

/** a / b, or null when either is missing or b is 0 (no ratio to speak of). */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return a / b;
}
