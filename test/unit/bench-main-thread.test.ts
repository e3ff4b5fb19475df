// The benchmark's main-thread peers keep what the engine keeps: an append source's newest
// `capacity` rows, oldest first, however the job's writes are cut.
import { test } from "node:test";
import assert from "node:assert/strict";
import { AppendWindow, sourceBuffers } from "../../bench/page/main-thread-job.js";
import type { SourceSpec } from "../../src/protocol/index.js";

const spec: SourceSpec = { columns: { x: "f64", y: "f64" }, capacity: 4, mode: "append" };

/** A write of rows `from` to `to` - 1 (x = row, y = 10 · row) into buffers of the source's capacity. */
function written(from: number, to: number) {
  const part = sourceBuffers(spec);
  for (let row = from; row < to; row++) {
    part.columns.x![row - from] = row;
    part.columns.y![row - from] = 10 * row;
  }
  part.length = to - from;
  return part;
}

const kept = (window: AppendWindow) => ({
  x: [...window.kept.columns.x!.subarray(0, window.kept.length)],
  y: [...window.kept.columns.y!.subarray(0, window.kept.length)],
});

test("rows are kept oldest first until the window is full, then the oldest make way", () => {
  const window = new AppendWindow(4, spec);
  window.add(written(0, 2));
  assert.deepEqual(kept(window), { x: [0, 1], y: [0, 10] });
  window.add(written(2, 2));
  assert.deepEqual(kept(window), { x: [0, 1], y: [0, 10] }, "an empty write keeps all");
  window.add(written(2, 5));
  assert.deepEqual(kept(window), { x: [1, 2, 3, 4], y: [10, 20, 30, 40] });
  window.add(written(5, 6));
  assert.deepEqual(kept(window), { x: [2, 3, 4, 5], y: [20, 30, 40, 50] });
});

test("a write as long as the window replaces it whole", () => {
  const window = new AppendWindow(4, spec);
  window.add(written(0, 3));
  window.add(written(3, 7));
  assert.deepEqual(kept(window), { x: [3, 4, 5, 6], y: [30, 40, 50, 60] });
});
