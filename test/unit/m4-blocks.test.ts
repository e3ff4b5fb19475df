// M4 over an append source's block summaries: the points it keeps are exactly those of M4 reading
// every point (breaks, infinities, ties and equal x included, through ring wraps, for views that
// hold many or few points per pixel column), and it reads a fraction of the points to find them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { seededRandom } from "../../src/worker/numerics/random.js";
import { BLOCK } from "../../src/worker/reduction/extents.js";
import { m4, m4Capacity } from "../../src/worker/reduction/m4.js";
import { SourceStore, type Series } from "../../src/worker/reduction/series.js";
import type { Axis } from "../../src/worker/reduction/view.js";

function reduce(series: Series, axis: Axis, store?: SourceStore): number[] {
  const capacity = m4Capacity(axis.pixels);
  const [outX, outY] = [new Float64Array(capacity), new Float64Array(capacity)];
  const n = m4(series, "x", "y", axis, outX, outY, store?.extents("y"));
  // x and y interleaved: a point kept at another index shows as a different pair.
  return Array.from({ length: n }, (_, i) => [outX[i]!, outY[i]!]).flat();
}

/** Appends `count` rows: x steps by 0 or 1 (equal x share a column), y from `value`. */
function append(store: SourceStore, count: number, state: { x: number; row: number }, value: (row: number) => number, random: () => number): void {
  store.staging.length = count;
  const { x, y } = store.staging.columns;
  for (let i = 0; i < count; i++, state.row++) {
    state.x += random() < 0.2 ? 0 : 1;
    x![i] = state.x;
    y![i] = value(state.row);
  }
  store.commit();
}

test("M4 from block summaries keeps exactly the points M4 over every point keeps", () => {
  const random = seededRandom(11);
  // Quantised values make ties for lowest and highest; NaN breaks and infinities come now and then.
  const value = (row: number) => {
    const r = random();
    if (r < 0.002) return Number.NaN;
    if (r < 0.003) return r < 0.0025 ? Infinity : -Infinity;
    return Math.round(8 * Math.sin(row / 500) + 3 * random());
  };
  for (const capacity of [10 * BLOCK + 17, 40_000]) {
    const store = new SourceStore({ columns: { x: "f64", y: "f64" }, capacity, mode: "append" });
    const state = { x: 0, row: 0 };
    for (let write = 0; write < 25; write++) {
      append(store, Math.floor(random() * 6000), state, value, random);
      const { start, end, capacity: cap } = store.series;
      if (end === start) continue;
      const [a, b] = [store.series.columns.x![start % cap]!, store.series.columns.x![(end - 1) % cap]!];
      const span = b - a;
      const views: [string, Axis][] = [
        ["all", { start: a - 0.05 * span, end: b + 0.05 * span, pixels: 300, log: false }],
        ["part", { start: a + 0.31 * span, end: a + 0.58 * span, pixels: 97, log: false }],
        ["few per column", { start: a + 0.4 * span, end: a + 0.4 * span + 150, pixels: 400, log: false }],
        ["beyond the data", { start: b + 10, end: b + 20, pixels: 50, log: false }],
      ];
      for (const [name, axis] of views) {
        assert.deepEqual(reduce(store.series, axis, store), reduce(store.series, axis), `capacity ${capacity}, write ${write}, view ${name}`);
      }
    }
  }
});

test("M4 from block summaries reads a fraction of the points: the cost follows columns and blocks", () => {
  const n = 200_000;
  const store = new SourceStore({ columns: { x: "f64", y: "f64" }, capacity: n, mode: "append" });
  const random = seededRandom(3);
  const state = { x: 0, row: 0 };
  while (store.series.end < 2 * n) append(store, store.chunk, state, (row) => Math.sin(row / 900) + random(), random);
  const axis: Axis = { start: store.series.columns.x![store.series.start % n]!, end: state.x, pixels: 200, log: false };
  let reads = 0;
  const counted = (column: Float64Array) =>
    new Proxy(column, {
      get(target, key) {
        if (typeof key === "string" && key.length > 0 && key.charCodeAt(0) <= 57) reads++;
        return Reflect.get(target, key);
      },
    });
  const watched: Series = { ...store.series, columns: { x: counted(store.series.columns.x as Float64Array), y: counted(store.series.columns.y as Float64Array) } };
  const kept = reduce(watched, axis, store);
  const readsWithBlocks = reads;
  reads = 0;
  assert.deepEqual(reduce(watched, axis), kept);
  assert.ok(reads > n, `M4 over every point reads each one (${reads})`);
  // 200 columns of 1,000 points: a bisection of ~18 steps, two part-blocks and ~16 block summaries each.
  assert.ok(readsWithBlocks < n / 3, `read ${readsWithBlocks} values for ${n} points`);
});
