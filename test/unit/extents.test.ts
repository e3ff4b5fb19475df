// Block extents of an append source's column: the bounds they give over a wrapping ring equal the
// bounds of every kept point, on linear and log axes, whatever the sizes of the writes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SourceStore } from "../../src/worker/reduction/series.js";
import { Bounds } from "../../src/worker/reduction/view.js";
import { seededRandom } from "../../src/worker/numerics/random.js";

/** Bounds over every kept point, one by one. */
function bruteForce(store: SourceStore, log: boolean): [number, number] {
  const bounds = new Bounds(log);
  const { columns, start, end, capacity } = store.series;
  for (let i = start; i < end; i++) bounds.add(columns.y![i % capacity]!);
  return [bounds.min, bounds.max];
}

function viaExtents(store: SourceStore, log: boolean): [number, number] {
  const bounds = new Bounds(log);
  store.extents("y").addTo(bounds, store.series);
  return [bounds.min, bounds.max];
}

test("bounds from block extents equal the bounds of every kept point, through wraps, on linear and log axes", () => {
  const random = seededRandom(7);
  for (const capacity of [3000, 10_000, 50_000]) {
    const store = new SourceStore({ columns: { y: "f64" }, capacity, mode: "append" });
    // Measured from the start for one store, and asked for only after many writes for another.
    store.extents("y");
    const late = new SourceStore({ columns: { y: "f64" }, capacity, mode: "append" });
    for (let write = 0; write < 60; write++) {
      const n = Math.floor(random() * 9000);
      for (const target of [store, late]) {
        target.staging.length = Math.min(n, target.chunk);
        const y = target.staging.columns.y!;
        for (let i = 0; i < target.staging.length; i++) {
          const r = random();
          // Spikes, gaps, negatives and non-finite values: the extents must keep what Bounds keeps.
          y[i] = r < 0.01 ? Number.NaN : r < 0.02 ? Infinity : r < 0.03 ? (random() - 0.5) * 1e6 : Math.sin(write + i / 300) * 5 + (random() - 0.5);
        }
      }
      // Both stores take the same writes (the late one's random draws come after: its data differs).
      store.commit();
      late.commit();
      for (const log of [false, true]) {
        assert.deepEqual(viaExtents(store, log), bruteForce(store, log), `capacity ${capacity}, write ${write}, log ${log}`);
        if (write > 30) assert.deepEqual(viaExtents(late, log), bruteForce(late, log), `asked late: capacity ${capacity}, write ${write}, log ${log}`);
      }
    }
  }
});
