// The image jobs' contract beyond their pictures: parameter messages, counters, gray-scott's step
// debt and its cap, the initial field's ranges, its palette between its colour stops, and pixels'
// block averages at the image's ragged edge.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Job } from "../../src/protocol/types.js";
import { FRAME_MS } from "../../src/worker/engine/frame-time.js";
import { PALETTE, createGrayScott } from "../../src/worker/jobs/gray-scott.js";
import { createPixels } from "../../src/worker/jobs/pixels.js";
import { testContext } from "./context.js";
import { failsWith } from "./fails-with.js";
import { countWorkClock } from "./work-clock.js";
import { written } from "./written.js";

countWorkClock();

const grayScott = (params: Record<string, unknown>) => createGrayScott(params, testContext()) as Job;
const pixels = (params: Record<string, unknown>, viewport = { width: 600, height: 300 }) => createPixels(params, testContext({ viewport })) as Job;

test("parameter messages name the job, and integers and bounds hold", () => {
  const cases: [() => unknown, RegExp][] = [
    [() => grayScott({ height: 16.5 }), /^gray-scott: height must be an integer/],
    [() => grayScott({ stepsPerFrame: 2.5 }), /^gray-scott: stepsPerFrame must be an integer/],
    [() => grayScott({ seed: 1.5 }), /^gray-scott: seed must be an integer/],
    [() => grayScott({ seed: 2 ** 32 }), /^gray-scott: seed must be an integer >= 0 <= 4294967295/],
    [() => grayScott({ preset: 3 }), /^gray-scott: preset must be one of spots, stripes, mitosis, coral, got 3/],
    [() => grayScott({ preset: "toString" }), /preset must be one of/],
    [() => pixels({ height: 4.5 }), /^pixels: height must be an integer/],
    [() => pixels({ seed: 2 ** 32 }), /^pixels: seed must be an integer >= 0 <= 4294967295/],
    [() => pixels({ seed: 0.5 }), /^pixels: seed must be an integer/],
  ];
  for (const [make, message] of cases) assert.throws(make, failsWith("invalid-params", message), String(message));
});

test("gray-scott: steps owed build up by the frame and are capped at one frame's worth; counters count them", () => {
  const job = grayScott({ width: 16, height: 16, stepsPerFrame: 8 });
  job.advance(FRAME_MS / 2);
  assert.equal(job.snapshot().step, 4, "half a frame: half its steps");
  job.advance(10 * FRAME_MS);
  assert.equal(job.snapshot().step, 12, "a long gap owes one frame's steps, no more");
  assert.deepEqual(job.counters(), { steps: 12 });
});

test("gray-scott: the initial field is u = 1, v = 0 with squares of u ≈ 1/2, v ≈ 1/4; the snapshot has their ranges", () => {
  const { u, v } = grayScott({ width: 64, height: 64 }).snapshot() as { u: [number, number]; v: [number, number] };
  assert.ok(u[0] >= 0.49 && u[0] <= 0.5, `u's least ${u[0]}`);
  assert.equal(u[1], 1);
  assert.equal(v[0], 0);
  assert.ok(v[1] >= 0.25 && v[1] <= 0.26, `v's largest ${v[1]}`);
});

test("gray-scott's palette runs through its colour stops, each colour between its neighbouring stops'", () => {
  const stops: [number, [number, number, number]][] = [
    [0, [8, 12, 40]],
    [0.3, [20, 90, 130]],
    [0.55, [60, 170, 150]],
    [0.8, [240, 190, 80]],
    [1, [255, 250, 235]],
  ];
  const channels = (color: number) => [color & 0xff, (color >>> 8) & 0xff, (color >>> 16) & 0xff, color >>> 24];
  assert.deepEqual(channels(PALETTE[0]!), [8, 12, 40, 255]);
  assert.deepEqual(channels(PALETTE[204]!), [240, 190, 80, 255], "204/255 is the stop at 0.8");
  assert.deepEqual(channels(PALETTE[255]!), [255, 250, 235, 255]);
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    const k = Math.max(1, stops.findIndex(([at]) => at >= t));
    const [low, high] = [stops[k - 1]![1], stops[k]![1]];
    channels(PALETTE[i]!).slice(0, 3).forEach((c, j) => assert.ok(c >= Math.min(low[j]!, high[j]!) && c <= Math.max(low[j]!, high[j]!), `colour ${i}, channel ${j}: ${c}`));
  }
});

test("pixels: with every pixel painted, every block is opaque, the ragged last ones too; counters count paints", () => {
  // 31 × 31 on a 10 × 10 plot: blocks of 4, the last row and column of blocks 3 pixels wide.
  const job = pixels({ width: 31, height: 31, rate: 1e6 }, { width: 10, height: 10 });
  job.advance(100);
  const frame = written(job);
  const blocks = frame.image!;
  assert.equal(blocks.length, 64);
  const alphas = [...blocks.columns.rgba!.subarray(0, 64)].map((color) => color >>> 24);
  assert.deepEqual(alphas, new Array(64).fill(255));
  assert.deepEqual(job.counters(), { steps: 100_000 });
  assert.equal(job.snapshot().painted, 100_000);
});
