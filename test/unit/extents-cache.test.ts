// Block extents are what auto axes read for whole blocks: a point changed in place inside a measured
// block (the store not told) is not seen, while the part-blocks at the ends of the ring are read
// point by point; blocks that leave the ring stop counting.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SourceStore } from "../../src/worker/reduction/series.js";
import { Bounds } from "../../src/worker/reduction/view.js";

import { BLOCK } from "../../src/worker/reduction/extents.js";

function append(store: SourceStore, values: (i: number) => number, count: number, from: number): void {
  store.staging.length = count;
  for (let i = 0; i < count; i++) store.staging.columns.y![i] = values(from + i);
  store.commit();
}

function bounds(store: SourceStore, log = false): [number, number] {
  const b = new Bounds(log);
  store.extents("y").addTo(b, store.series);
  return [b.min, b.max];
}

test("whole blocks are read from their extents, the part-blocks at the ends point by point", () => {
  const store = new SourceStore({ columns: { y: "f64" }, capacity: 6 * BLOCK, mode: "append" });
  store.extents("y");
  const cycle = (i: number) => i % 7;
  append(store, cycle, 2 * BLOCK + BLOCK / 2, 0);
  assert.deepEqual(bounds(store), [0, 6]);
  const y = store.series.columns.y!;
  y[10] = 1000; // inside block 0, measured when it filled
  assert.deepEqual(bounds(store), [0, 6], "a measured block's extent stands");
  y[2 * BLOCK + 10] = -50; // in the block still filling
  assert.deepEqual(bounds(store), [-50, 6], "the last part-block is read point by point");
  assert.deepEqual(bounds(store, true), [1, 6], "on a log axis, the positive values' extent");
  // Fill up and wrap: block 0 leaves the ring, and with it the value changed in place.
  append(store, cycle, 5 * BLOCK, 2 * BLOCK + BLOCK / 2);
  assert.equal(store.series.start, 7 * BLOCK + BLOCK / 2 - 6 * BLOCK);
  y[(3 * BLOCK) % (6 * BLOCK)] = 2000; // block 3, measured, in place
  // Block 2 was measured when it filled, after the −50 went in: it holds it still.
  assert.deepEqual(bounds(store), [-50, 6], "blocks measured as they filled, block 0 gone");
  y[store.series.start % (6 * BLOCK)] = 3000; // the first kept point, in a part-block
  assert.deepEqual(bounds(store), [-50, 3000], "the first part-block is read point by point");
});

test("asked for late, extents measure the whole blocks already kept", () => {
  const store = new SourceStore({ columns: { y: "f64" }, capacity: 4 * BLOCK, mode: "append" });
  append(store, (i) => Math.sin(i), 3 * BLOCK + 5, 0);
  const y = store.series.columns.y!;
  const extents = store.extents("y");
  y[BLOCK + 3] = 99; // after measuring: not seen
  const b = new Bounds(false);
  extents.addTo(b, store.series);
  assert.ok(b.max <= 1, `${b.max}`);
});
