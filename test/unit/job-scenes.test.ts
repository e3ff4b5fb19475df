// What the built-in jobs declare and hand over, exactly: their scenes (sources, glyphs, texts,
// ranges), and a trajectory's writes, which append only the samples taken since the last one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createLorenz } from "../../src/worker/jobs/lorenz.js";
import { createOde } from "../../src/worker/jobs/ode.js";
import { createWave } from "../../src/worker/jobs/wave.js";
import { testContext } from "./context.js";
import { countWorkClock } from "./work-clock.js";
import { written } from "./written.js";

countWorkClock();

const TRAJECTORY_SOURCES = {
  trail: { columns: { x: "f64", y: "f64" }, capacity: 5000, mode: "append" },
  head: { columns: { x: "f64", y: "f64" }, capacity: 1 },
};
const TRAJECTORY_GLYPHS = [
  { kind: "line", source: "trail", x: "x", y: "y", color: "#1f77b4", width: 1.2, name: "trajectory" },
  { kind: "scatter", source: "head", x: "x", y: "y", color: "#d62728", size: 7, name: "now" },
];

test("wave's scene: one line of `points` points over [0, 4π] × [-1.1, 1.1], labelled", async () => {
  const { scene } = await createWave({ points: 300 }, testContext());
  assert.deepEqual(scene, {
    sources: { wave: { columns: { x: "f64", y: "f64" }, capacity: 300 } },
    glyphs: [{ kind: "line", source: "wave", x: "x", y: "y", color: "#1f77b4", width: 2, name: "wave" }],
    xRange: [0, 4 * Math.PI],
    yRange: [-1.1, 1.1],
    xLabel: "x",
    yLabel: "sin(f·(x + v·t))",
  });
  assert.equal(written(await createWave({ points: 300 }, testContext())).wave!.length, 300, "every point written");
});

test("lorenz's scene: the trail and its head, each axis's range where the attractor lives", async () => {
  const expected = { x: [-25, 25], y: [-30, 30], z: [0, 55] } as const;
  for (const axes of [["x", "z"], ["y", "x"], ["z", "y"]] as const) {
    const { scene } = await createLorenz(axes[0] === "x" && axes[1] === "z" ? {} : { axes }, testContext());
    assert.deepEqual(scene, { sources: TRAJECTORY_SOURCES, glyphs: TRAJECTORY_GLYPHS, xLabel: axes[0], yLabel: axes[1], xRange: expected[axes[0]], yRange: expected[axes[1]] }, axes.join());
  }
});

test("a trajectory's writes append only the samples taken since the previous write; the head is the current state", async () => {
  const job = await createOde({ rhs: "faulty.mjs", y0: [1, 2], plot: [-1, 1], sampleDt: 0.01 }, testContext({ baseUrl: pathToFileURL(resolve("test/unit/fixtures")).href + "/" }));
  assert.deepEqual(job.scene.sources, TRAJECTORY_SOURCES);
  assert.deepEqual(job.scene.glyphs, TRAJECTORY_GLYPHS);
  const times = (frame = written(job)) => [...frame.trail!.columns.x!.subarray(0, frame.trail!.length)].map((t) => Math.round(t * 100));
  assert.deepEqual(times(), [0], "the initial sample");
  job.advance(30);
  const frame = written(job);
  assert.deepEqual(times(frame), [1, 2, 3], "then only the new ones");
  assert.equal(frame.head!.length, 1);
  const { t, y } = job.snapshot() as { t: number; y: number[] };
  assert.deepEqual([frame.head!.columns.x![0], frame.head!.columns.y![0]], [t, y[1]], "the head: t and y[1] now");
  assert.deepEqual(times(), [], "nothing new: nothing appended");
  job.advance(20);
  assert.deepEqual(times(), [4, 5]);
});
