import { test } from "node:test";
import assert from "node:assert/strict";
import { LivePlotError } from "../../src/protocol/errors.js";
import type { Job } from "../../src/protocol/types.js";
import { createWave } from "../../src/worker/jobs/wave.js";
import { assertClose, assertWave } from "./wave-assert.js";
import { testContext } from "./context.js";
import { countWorkClock } from "./work-clock.js";
import { written } from "./written.js";

countWorkClock();

const wave = async (params: Record<string, unknown>): Promise<Job> => createWave(params, testContext());

test("wave: the scene has one source of x and y f64 columns sized to points", async () => {
  const job = await wave({ points: 37 });
  assert.deepEqual(Object.keys(job.scene.sources), ["wave"]);
  assert.deepEqual(job.scene.sources.wave, { columns: { x: "f64", y: "f64" }, capacity: 37 });
  assert.equal(job.scene.glyphs.length, 1);
  assert.deepEqual(
    job.scene.glyphs.map(({ source, x, y }) => ({ source, x, y })),
    [{ source: "wave", x: "x", y: "y" }],
  );
});

test("wave: the initial frame is sin(frequency · x) with the default parameters", async () => {
  const job = await wave({});
  assertWave(written(job), { points: 200, frequency: 2, speed: 1.5, t: 0 });
});

test("wave: frames follow the time advanced, in seconds of total ms", async () => {
  const params = { points: 50, frequency: 3, speed: -0.7 };
  const job = await wave(params);
  const steps = [10, 25.5, 100, 1 / 3];
  for (const ms of steps) job.advance(ms);
  const t = steps.reduce((sum, ms) => sum + ms, 0) / 1000;
  assertWave(written(job), { ...params, t });
});

test("wave: snapshot reports t and counts writes; counters count advances", async () => {
  const job = await wave({ points: 5 });
  assert.deepEqual(job.snapshot(), { t: 0, frames: 0 });
  assert.deepEqual(job.counters(), { steps: 0 });
  job.advance(40);
  written(job);
  job.advance(60);
  job.advance(5);
  written(job);
  const snapshot = job.snapshot();
  assert.deepEqual(Object.keys(snapshot).sort(), ["frames", "t"]);
  assertClose(snapshot.t, 0.105, "t");
  assert.equal(snapshot.frames, 2);
  assert.deepEqual(job.counters(), { steps: 3 });
});

test("wave: update with the same points applies live, moving on from where the wave is", async () => {
  const job = await wave({ points: 20, frequency: 2 });
  job.advance(250);
  assert.equal(job.update?.({ points: 20, frequency: 5, speed: 0.25 }), true);
  assertWave(written(job), { points: 20, frequency: 5, speed: 0.25, t: 0.25, phase: 1.5 * 0.25 });
  job.advance(500);
  assertWave(written(job), { points: 20, frequency: 5, speed: 0.25, t: 0.75, phase: 1.5 * 0.25 + 0.25 * 0.5 });
});

test("wave: update with different points asks for a restart and changes nothing", async () => {
  const job = await wave({ points: 20, frequency: 2 });
  assert.equal(job.update?.({ points: 21, frequency: 5 }), false);
  assertWave(written(job), { points: 20, frequency: 2, speed: 1.5, t: 0 });
});

test("wave: invalid params throw invalid-params, from the factory and from update", async () => {
  const invalid = [{ points: 1 }, { points: 2.5 }, { frequency: "x" }, { frequency: -1 }, { amplitude: 2 }];
  const isInvalidParams = (error: unknown) => error instanceof LivePlotError && error.code === "invalid-params";
  for (const params of invalid) {
    await assert.rejects(async () => wave(params), isInvalidParams, JSON.stringify(params));
  }
  const job = await wave({});
  for (const params of invalid) {
    assert.throws(() => job.update?.(params), isInvalidParams, JSON.stringify(params));
  }
  assertWave(written(job), { points: 200, frequency: 2, speed: 1.5, t: 0 });
});
