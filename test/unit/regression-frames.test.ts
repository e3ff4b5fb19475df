// The regression's frames, value by value: the target (least-squares) line and the fit across the
// data's x extent with its margin, the scene's ranges, the trail of recent lines newest first, and
// the loss history with its gap to the least-squares loss, thinned as it grows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { LivePlotError } from "../../src/protocol/errors.js";
import type { FrameData } from "../../src/protocol/types.js";
import { FRAME_MS } from "../../src/worker/engine/frame-time.js";
import { createRegression } from "../../src/worker/jobs/regression.js";
import { testContext } from "./context.js";
import { failsWith } from "./fails-with.js";
import { countWorkClock } from "./work-clock.js";
import { written } from "./written.js";

countWorkClock();

const seed = JSON.parse(readFileSync(resolve("test/reference/regression-seed.json"), "utf8")) as { x: number[]; y: number[]; ols: { slope: number; intercept: number; sse: number } };
const near = (a: number, b: number, what: string, tolerance = 1e-9) => assert.ok(Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b)), `${what}: ${a}, expected ${b}`);
const columns = (frame: FrameData, source: string, name: string) => [...frame[source]!.columns[name]!.subarray(0, frame[source]!.length)];

test("the target line is least squares across the data's x extent plus 8% each side; the ranges hold the data with margins", async () => {
  const job = await createRegression({ x: seed.x, y: seed.y }, testContext());
  const [xMin, xMax] = [Math.min(...seed.x), Math.max(...seed.x)];
  const [yMin, yMax] = [Math.min(...seed.y), Math.max(...seed.y)];
  const [x0, x1] = [xMin - 0.08 * (xMax - xMin), xMax + 0.08 * (xMax - xMin)];
  assert.deepEqual(job.scene.xRange, [x0, x1]);
  assert.deepEqual(job.scene.yRange, [yMin - 0.12 * (yMax - yMin), yMax + 0.12 * (yMax - yMin)]);
  const frame = written(job);
  assert.deepEqual(columns(frame, "target", "x"), [x0, x1]);
  const [ya, yb] = columns(frame, "target", "y");
  near(ya!, seed.ols.slope * x0 + seed.ols.intercept, "target at x0");
  near(yb!, seed.ols.slope * x1 + seed.ols.intercept, "target at x1");
  assert.deepEqual(columns(frame, "fit", "x"), [x0, x1], "the fit spans the same x");
  const flat = await createRegression({ x: [1, 2, 3], y: [5, 5, 5] }, testContext());
  assert.deepEqual(flat.scene.yRange, [4, 6], "all y equal: a margin of 1");
});

test("the trail holds the recent lines newest first, each two points and a NaN; the loss history starts at iteration 0 with its gap", async () => {
  const job = await createRegression({ x: seed.x, y: seed.y, iterationsPerFrame: 1 }, testContext());
  const lines: [number, number][] = [];
  for (let i = 0; i < 20; i++) {
    job.advance(FRAME_MS);
    const { slope, intercept } = job.snapshot() as { slope: number; intercept: number };
    lines.unshift([slope, intercept]);
  }
  const frame = written(job);
  const [x0, x1] = columns(frame, "target", "x") as [number, number];
  assert.equal(frame.trail!.length, 16 * 3, "the 16 newest lines");
  const xs = columns(frame, "trail", "x");
  const ys = columns(frame, "trail", "y");
  for (let k = 0; k < 16; k++) {
    const [m, c] = lines[k]!;
    assert.deepEqual(xs.slice(3 * k, 3 * k + 2), [x0, x1], `line ${k}`);
    near(ys[3 * k]!, m * x0 + c, `line ${k} at x0`);
    near(ys[3 * k + 1]!, m * x1 + c, `line ${k} at x1`);
    assert.ok(Number.isNaN(xs[3 * k + 2]) && Number.isNaN(ys[3 * k + 2]), `a break after line ${k}`);
  }
  const iterations = columns(frame, "loss", "iteration");
  assert.deepEqual(iterations, Array.from({ length: 21 }, (_, i) => i), "every iteration so far, from 0");
  const losses = columns(frame, "loss", "loss");
  const gaps = columns(frame, "loss", "gap");
  // The least-squares loss, in closed form from the data.
  const n = seed.x.length;
  const [mx, my] = [seed.x.reduce((a, b) => a + b) / n, seed.y.reduce((a, b) => a + b) / n];
  const sxy = seed.x.reduce((sum, x, i) => sum + (x - mx) * (seed.y[i]! - my), 0);
  const sxx = seed.x.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  const [m, c] = [sxy / sxx, my - (sxy / sxx) * mx];
  const olsLoss = seed.x.reduce((sum, x, i) => sum + (m * x + c - seed.y[i]!) ** 2, 0) / (2 * n);
  losses.forEach((loss, i) => near(gaps[i]!, loss - olsLoss, `gap ${i}`, 1e-9));
  assert.ok(gaps.every((gap) => gap > 0) && gaps.at(-1)! < gaps[0]!, "the gap to least squares shrinks");
  near(losses.at(-1)!, (job.snapshot() as { loss: number }).loss, "the newest loss is the snapshot's");
});

test("a long history is thinned to every second, fourth… iteration, always spanning the run from 0", async () => {
  const job = await createRegression({ x: seed.x, y: seed.y, iterationsPerFrame: 500, learningRate: 0.001, tolerance: 0 }, testContext());
  for (let i = 0; i < 100 && (job.snapshot().iteration as number) < 2048; i++) job.advance(FRAME_MS);
  const { iteration } = job.snapshot() as { iteration: number };
  assert.ok(iteration >= 2048 && iteration < 4096, `${iteration} iterations`);
  const iterations = columns(written(job), "loss", "iteration");
  assert.equal(iterations[0], 0);
  assert.ok(iterations.every((it, k) => it === 4 * k), `every fourth iteration: ${iterations.slice(0, 5)}…`);
  assert.ok(iterations.at(-1)! > iteration - 4, "up to the newest");
});

test("csv and x/y together are refused; growth of the loss is tolerated a few iterations before it is divergence", async () => {
  await assert.rejects(async () => createRegression({ csv: "data.csv", x: seed.x, y: seed.y }, testContext()), failsWith("invalid-params", /give either "csv" .* or "x" and "y", not both/));
  await assert.rejects(async () => createRegression({ csv: 42 }, testContext()), failsWith("invalid-params", /not both/));
  // Without standardising, 0.05 overshoots from the first iteration: diverged at iteration 5, not before.
  const job = await createRegression({ x: seed.x, y: seed.y, standardize: false, learningRate: 0.05, iterationsPerFrame: 1 }, testContext());
  let error: unknown;
  for (let i = 0; i < 10 && !error; i++) {
    try {
      job.advance(FRAME_MS);
    } catch (caught) {
      error = caught;
    }
  }
  assert.ok(error instanceof LivePlotError && error.code === "diverged", String(error));
  assert.match(error.message, /^regression diverged at iteration 5 \(loss [\d.e+]+ and growing\): use a smaller learningRate than 0.05, or set "standardize": true$/);
});
