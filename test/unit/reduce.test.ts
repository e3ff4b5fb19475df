// Min/max reduction: what a pixel column shows survives, in order, at 2 points per column.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FRAME_MS } from "../../src/protocol/types.js";
import { FramePool } from "../../src/worker/frame-pool.js";
import { createWave } from "../../src/worker/jobs/wave.js";
import { minMaxReduce } from "../../src/worker/reduce.js";
import { seededRandom } from "../../src/worker/random.js";
import { testContext } from "./context.js";

function randomWalk(n: number): { x: Float64Array; y: Float64Array } {
  const random = seededRandom(5);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    x[i] = x[i - 1]! + 0.5 + random(); // uneven spacing, ascending
    y[i] = y[i - 1]! + random() - 0.5;
  }
  return { x, y };
}

test("each bucket keeps exactly its lowest and highest point, in the order they occur", () => {
  const n = 10_000;
  const buckets = 100;
  const { x, y } = randomWalk(n);
  const outX = new Float64Array(2 * buckets);
  const outY = new Float64Array(2 * buckets);
  const written = minMaxReduce(x, y, n, buckets, outX, outY);
  assert.ok(written <= 2 * buckets && written >= buckets, `wrote ${written}`);
  for (let i = 1; i < written; i++) assert.ok(outX[i]! > outX[i - 1]!, "x ascends");

  // Recompute each bucket's extremes the slow way and find them in the output.
  const width = (x[n - 1]! - x[0]!) / buckets;
  const kept = new Set<string>();
  for (let i = 0; i < written; i++) kept.add(`${outX[i]},${outY[i]}`);
  for (let b = 0; b < buckets; b++) {
    const lo = x[0]! + b * width;
    const hi = b === buckets - 1 ? Infinity : x[0]! + (b + 1) * width;
    const members = [...x.keys()].filter((i) => x[i]! >= lo && x[i]! < hi);
    if (members.length === 0) continue;
    const low = members.reduce((a, i) => (y[i]! < y[a]! ? i : a));
    const high = members.reduce((a, i) => (y[i]! > y[a]! ? i : a));
    assert.ok(kept.has(`${x[low]},${y[low]}`), `bucket ${b} keeps its minimum`);
    assert.ok(kept.has(`${x[high]},${y[high]}`), `bucket ${b} keeps its maximum`);
  }
});

test("a wave of more points than pixel columns leaves the worker reduced to the columns' extremes", async () => {
  const job = await createWave({ points: 100_000, frequency: 3 }, testContext({ viewport: { width: 300, height: 200 } }));
  assert.equal(job.scene.sources.wave!.capacity, 600, "2 points per pixel column");
  job.advance(FRAME_MS);
  const frame = new FramePool(job.scene, 1).take()!;
  job.write(frame);
  const { length, columns } = frame.wave!;
  assert.ok(length <= 600 && length >= 300, `length ${length}`);
  const y = columns.y!.subarray(0, length);
  assert.ok(Math.max(...y) > 0.9999 && Math.min(...y) < -0.9999, "the peaks and troughs survive");
  const small = await createWave({ points: 500 }, testContext({ viewport: { width: 300, height: 200 } }));
  assert.equal(small.scene.sources.wave!.capacity, 500, "a series that fits is sent whole");
});
