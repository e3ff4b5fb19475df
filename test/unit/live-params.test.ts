// Every live parameter of every built-in job: applied while running (update answers true), and the
// new value shows in the job's snapshot or in what it writes, not only in update's answer. Two jobs
// start alike and run alike; one is updated; the two must part from there on. (What a new value
// does exactly is checked in each job's own tests.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createHash } from "node:crypto";
import type { FrameData, Job, JobFactory } from "../../src/protocol/types.js";
import { FRAME_MS } from "../../src/worker/engine/frame-time.js";
import { createGrayScott } from "../../src/worker/jobs/gray-scott.js";
import { createLorenz } from "../../src/worker/jobs/lorenz.js";
import { createOde } from "../../src/worker/jobs/ode.js";
import { createRegression } from "../../src/worker/jobs/regression.js";
import { createWave } from "../../src/worker/jobs/wave.js";
import { testContext } from "./context.js";
import { countWorkClock } from "./work-clock.js";
import { written } from "./written.js";

countWorkClock();

const context = testContext({ baseUrl: pathToFileURL(resolve("test/unit/fixtures")).href + "/" });
const seed = JSON.parse(readFileSync(resolve("test/reference/regression-seed.json"), "utf8")) as { x: number[]; y: number[] };
const arenstorf = JSON.parse(readFileSync(resolve("test/reference/arenstorf.json"), "utf8")) as { mu: number; y0: number[] };

/** What a job shows: its snapshot and a digest of every column it writes. */
function shown(job: Job): { snapshot: string; frame: string } {
  const frame: FrameData = written(job);
  const hash = createHash("sha256");
  for (const [name, source] of Object.entries(frame)) {
    hash.update(name);
    for (const column of Object.values(source.columns)) hash.update(new Uint8Array(column.buffer, 0, source.length * column.BYTES_PER_ELEMENT));
  }
  return { snapshot: JSON.stringify(job.snapshot()), frame: hash.digest("hex") };
}

function run(job: Job, frames: number): void {
  for (let i = 0; i < frames && !job.finished; i++) job.advance(FRAME_MS);
}

/** [job, its params, the live changes: parameter and new value, frames to run before and after] */
const CASES: [string, JobFactory, Record<string, unknown>, Record<string, unknown>, number][] = [
  ["wave", createWave, { points: 50 }, { frequency: 5, speed: -3 }, 10],
  ["lorenz", createLorenz, { rtol: 1e-9, atol: 1e-9 }, { sigma: 12, rho: 20, beta: 2, speed: 3 }, 20],
  ["ode", createOde, { rhs: "arenstorf.mjs", y0: arenstorf.y0, args: { mu: arenstorf.mu } }, { speed: 3, args: { mu: 0.1 } }, 20],
  [
    "regression",
    createRegression,
    { x: seed.x, y: seed.y, learningRate: 0.01, iterationsPerFrame: 1 },
    { learningRate: 0.05, iterationsPerFrame: 5, maxIterations: 12, tolerance: 1 },
    10,
  ],
  ["gray-scott", createGrayScott, { width: 24, height: 24, stepsPerFrame: 1 }, { feed: 0.02, kill: 0.05, stepsPerFrame: 3, preset: "spots" }, 20],
];

for (const [name, create, params, changes, frames] of CASES) {
  for (const [parameter, value] of Object.entries(changes)) {
    test(`${name}: a live ${parameter} shows in what the job shows from then on`, async () => {
      const kept = await create(params, context);
      const changed = await create(params, context);
      run(kept, frames);
      run(changed, frames);
      assert.deepEqual(shown(changed), shown(kept), "two runs of the same params show the same");
      assert.equal(changed.update?.({ ...params, [parameter]: value }), true, "applied live");
      assert.equal(kept.update?.({ ...params }), true, "the same params again change nothing");
      run(kept, frames);
      run(changed, frames);
      const [before, after] = [shown(kept), shown(changed)];
      assert.ok(before.snapshot !== after.snapshot || before.frame !== after.frame, `${parameter} = ${JSON.stringify(value)} changed neither the snapshot nor the frame: ${after.snapshot}`);
    });
  }
}
