/**
 * Min/max reduction of a series whose x ascends: per bucket of equal x width (a pixel column),
 * the lowest and highest points, in the order they occur. Drawn at that width, the line looks as
 * the full series would; what travels and what BokehJS indexes is 2 points per column, not N.
 * Writes into `outX`/`outY` (room for 2 · buckets) and answers how many points it wrote.
 */
export function minMaxReduce(x: Float64Array, y: Float64Array, n: number, buckets: number, outX: Float64Array, outY: Float64Array): number {
  const first = x[0]!;
  const width = (x[n - 1]! - first) / buckets;
  let written = 0;
  let i = 0;
  for (let bucket = 1; bucket <= buckets && i < n; bucket++) {
    const end = bucket === buckets ? Infinity : first + bucket * width;
    const start = i;
    let low = i;
    let high = i;
    for (; i < n && x[i]! < end; i++) {
      if (y[i]! < y[low]!) low = i;
      if (y[i]! > y[high]!) high = i;
    }
    if (i === start) continue;
    const [a, b] = low <= high ? [low, high] : [high, low];
    outX[written] = x[a]!;
    outY[written++] = y[a]!;
    if (b !== a) {
      outX[written] = x[b]!;
      outY[written++] = y[b]!;
    }
  }
  return written;
}
