// The regression's contract beyond its numbers: the scene it draws (colours, dashes, the log loss
// panel), data sent once, the iteration debt and its cap, the work budget per advance, the loss
// history's values through thinning, and the messages that name the job and the largest value.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FRAME_MS } from "../../src/worker/engine/frame-time.js";
import { createRegression } from "../../src/worker/jobs/regression.js";
import type { FrameData } from "../../src/protocol/types.js";
import { testContext } from "./context.js";
import { failsWith } from "./fails-with.js";
import { countWorkClock } from "./work-clock.js";
import { written } from "./written.js";

const LOOK_MS = 1 / 16;
countWorkClock(LOOK_MS);

const x = [0, 1, 2, 3, 4];
const y = [1, 3, 4, 8, 9];
const columns = (frame: FrameData, source: string, name: string) => [...frame[source]!.columns[name]!.subarray(0, frame[source]!.length)];
const iterationOf = (job: { snapshot(): Record<string, unknown> }) => job.snapshot().iteration as number;

test("the scene: data points, the fit over a faint trail, the dashed least-squares line, and the loss panel on a log axis", async () => {
  const { scene } = await createRegression({ x, y }, testContext());
  const xy = { x: "f64", y: "f64" };
  assert.deepEqual(scene, {
    sources: {
      data: { columns: xy, capacity: 5, mode: "append" },
      fit: { columns: xy, capacity: 2 },
      target: { columns: xy, capacity: 2 },
      trail: { columns: xy, capacity: 48 },
      loss: { columns: { iteration: "f64", loss: "f64", gap: "f64" }, capacity: 1024 },
    },
    glyphs: [
      { kind: "line", source: "trail", x: "x", y: "y", color: "#ff7f0e", alpha: 0.18, width: 1, name: "recent fits" },
      { kind: "line", source: "target", x: "x", y: "y", color: "#555b66", width: 1.5, dash: "dashed", name: "least squares" },
      { kind: "line", source: "fit", x: "x", y: "y", color: "#ff7f0e", width: 3, name: "fit" },
      { kind: "scatter", source: "data", x: "x", y: "y", color: "#1f77b4", size: 9, name: "data" },
    ],
    xLabel: "x",
    yLabel: "y",
    xRange: [-0.32, 4.32],
    yRange: [1 - 0.96, 9 + 0.96],
    panels: [
      {
        glyphs: [
          { kind: "line", source: "loss", x: "iteration", y: "loss", color: "#2ca02c", width: 2, name: "loss" },
          { kind: "line", source: "loss", x: "iteration", y: "gap", color: "#9467bd", width: 1.5, dash: "dotted", name: "gap to least squares" },
        ],
        xLabel: "iteration",
        yLabel: "loss, gap to least squares",
        yScale: "log",
      },
    ],
  });
});

test("the data goes out once, whole, in the first frame; later frames append nothing", async () => {
  const job = await createRegression({ x, y }, testContext());
  const first = written(job);
  assert.deepEqual([columns(first, "data", "x"), columns(first, "data", "y")], [x, y]);
  job.advance(FRAME_MS);
  assert.equal(written(job).data!.length, 0);
  assert.equal(written(job).data!.length, 0);
});

test("iterations owed build up a fraction at a time and are capped at one frame's worth", async () => {
  const slow = await createRegression({ x, y, iterationsPerFrame: 0.5 }, testContext());
  for (let frame = 1; frame <= 4; frame++) slow.advance(FRAME_MS);
  assert.equal(iterationOf(slow), 2, "half an iteration a frame");
  const half = await createRegression({ x, y, iterationsPerFrame: 2 }, testContext());
  half.advance(FRAME_MS / 2);
  assert.equal(iterationOf(half), 1, "half a frame: one of two");
  half.advance(10 * FRAME_MS);
  assert.equal(iterationOf(half), 3, "a long gap owes no more than a frame's two");
  assert.deepEqual(half.counters(), { steps: 3 });
});

test("one advance spends 8 ms of work at most: 8 ms of looks at the clock, and the one that finds it over", async () => {
  const job = await createRegression({ x, y, iterationsPerFrame: 1e6, tolerance: 0, learningRate: 1e-6 }, testContext());
  job.advance(FRAME_MS);
  assert.equal(iterationOf(job), 8 / LOOK_MS + 1);
});

test("through thinning the loss history keeps each iteration's own loss: falling, finite, every second iteration", async () => {
  const job = await createRegression({ x, y, iterationsPerFrame: 1e6, learningRate: 1e-4, tolerance: 0 }, testContext());
  while (iterationOf(job) < 1100) job.advance(FRAME_MS);
  const frame = written(job);
  const iterations = columns(frame, "loss", "iteration");
  const loss = columns(frame, "loss", "loss");
  const gap = columns(frame, "loss", "gap");
  assert.ok(iterations.every((it, k) => it === 2 * k), `every second iteration: ${iterations.slice(0, 6)}…`);
  assert.ok(loss.every((value, k) => Number.isFinite(value) && (k === 0 || value < loss[k - 1]!)), "the loss falls at each sample kept");
  // The gap is the loss less the least-squares loss: the same offset at every sample.
  const offsets = loss.map((value, k) => value - gap[k]!);
  assert.ok(offsets.every((offset) => Math.abs(offset - offsets[0]!) < 1e-9), "loss − gap is constant");
});

test("messages name the regression and say what is wrong", async () => {
  await assert.rejects(async () => createRegression({ x, y, maxIterations: 1.5 }, testContext()), failsWith("invalid-params", /^regression: maxIterations must be an integer/));
  await assert.rejects(async () => createRegression({ x: [1], y: [1] }, testContext()), failsWith("invalid-params", /^regression: /));
  await assert.rejects(async () => createRegression({ csv: "data.csv", x }, testContext()), failsWith("invalid-params", /not both/));
  await assert.rejects(async () => createRegression({ csv: "data.csv", y }, testContext()), failsWith("invalid-params", /not both/));
  await assert.rejects(async () => createRegression({ x: [1e200, 2e200, 3e200], y: [1, 5e201, 2] }, testContext()), failsWith("invalid-data", /values up to 5\.00e\+201/));
});
