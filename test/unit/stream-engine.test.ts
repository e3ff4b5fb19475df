// What the engine does for the page's own data: points picked for the hover readout from every
// point kept, the data exported at full resolution, and a stream job driven through its data port
// (pushes, exports, picks) and disposed with its runner.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Job, JobFactory, Scene, WorkerMessage } from "../../src/protocol/types.js";
import { JobRunner } from "../../src/worker/engine/job-runner.js";
import { dateClock } from "../../src/worker/engine/work-clock.js";
import { FrameReducer } from "../../src/worker/reduction/frame-reducer.js";
import { createStream } from "../../src/worker/jobs/stream.js";
import { testContext } from "./context.js";
import { Page, options, settle } from "./engine-harness.js";
import { countWorkClock } from "./work-clock.js";

countWorkClock();

/** A job writing the given points into source "s" (and a 2 × 1 image into "img"), whatever the mode. */
function pointsJob(scene: Scene, xs: number[], ys: number[]): Job {
  return {
    scene,
    advance() {},
    write(frame) {
      const s = frame.s!;
      s.columns.x!.set(xs.slice(0, s.columns.x!.length));
      s.columns.y!.set(ys.slice(0, s.columns.y!.length));
      s.length = Math.min(xs.length, s.columns.x!.length);
      if (frame.img) {
        frame.img.columns.rgba!.set([7, 9]);
        frame.img.length = 2;
      }
    },
    snapshot: () => ({}),
    counters: () => ({ steps: 0 }),
  };
}

const XY = { x: "f64", y: "f64" } as const;

function reducerOf(scene: Scene, xs: number[], ys: number[]): FrameReducer {
  const reducer = new FrameReducer(scene, { width: 200, height: 100 });
  reducer.take(pointsJob(scene, xs, ys));
  return reducer;
}

test("pick: the point of each named series nearest x, by bisection where x ascends (a tie to the earlier)", () => {
  const scene: Scene = { sources: { s: { columns: XY, capacity: 10 } }, glyphs: [{ kind: "line", source: "s", x: "x", y: "y", name: "level", color: "#123456" }] };
  const reducer = reducerOf(scene, [0, 1, 2, 4, 8], [10, 11, 12, 14, 18]);
  const at = (x: number) => reducer.pick(0, x).map((point) => [point.x, point.y]);
  assert.deepEqual(reducer.pick(0, 2.2), [{ name: "level", color: "#123456", x: 2, y: 12 }]);
  assert.deepEqual(at(-5), [[0, 10]], "before the first point: the first");
  assert.deepEqual(at(100), [[8, 18]], "after the last: the last");
  assert.deepEqual(at(3), [[2, 12]], "halfway between 2 and 4: the earlier");
  assert.deepEqual(at(3.01), [[4, 14]]);
  assert.deepEqual(at(6.5), [[8, 18]]);
  assert.deepEqual(at(4), [[4, 14]], "on a point: that point");
  assert.deepEqual(reducer.pick(0, Number.NaN), [], "no x, no points");
  assert.deepEqual(reducer.pick(1, 2), [], "no such panel");
});

test("pick: where x does not ascend, the nearest by a scan; unnamed glyphs and images are left out", () => {
  const scene: Scene = {
    sources: { s: { columns: XY, capacity: 10 }, img: { columns: { rgba: "u32" }, capacity: 2 } },
    glyphs: [
      { kind: "image", source: "img", image: "rgba", width: 2, height: 1, x: 0, y: 0, dw: 1, dh: 1 },
      { kind: "line", source: "s", x: "x", y: "y" },
      { kind: "scatter", source: "s", x: "x", y: "y", name: "walk" },
    ],
  };
  const reducer = reducerOf(scene, [5, 1, 9, 3, 7], [50, 10, 90, 30, 70]);
  assert.deepEqual(reducer.pick(0, 2.9), [{ name: "walk", color: "#1f77b4", x: 3, y: 30 }], "the default colour of a glyph without one");
  assert.deepEqual(reducer.pick(0, 8.2).map((point) => point.x), [9]);
  assert.deepEqual(reducer.pick(0, 0).map((point) => point.x), [1]);
  const empty = new FrameReducer(scene, { width: 200, height: 100 });
  assert.deepEqual(empty.pick(0, 1), [], "nothing kept yet: nothing picked");
});

test("exportData: copies of every source, oldest point first, a wrapped ring unrolled, images as Uint32Array", () => {
  const scene: Scene = {
    sources: { s: { columns: XY, capacity: 4, mode: "append" }, img: { columns: { rgba: "u32" }, capacity: 2 } },
    glyphs: [
      { kind: "line", source: "s", x: "x", y: "y" },
      { kind: "image", source: "img", image: "rgba", width: 2, height: 1, x: 0, y: 0, dw: 1, dh: 1 },
    ],
  };
  const reducer = new FrameReducer(scene, { width: 200, height: 100 });
  reducer.take(pointsJob(scene, [1, 2, 3], [10, 20, 30]));
  reducer.take(pointsJob(scene, [4, 5, 6], [40, 50, 60]));
  const data = reducer.exportData();
  assert.deepEqual(data.s!.x, Float64Array.of(3, 4, 5, 6), "the newest four of six, oldest first");
  assert.deepEqual(data.s!.y, Float64Array.of(30, 40, 50, 60));
  assert.deepEqual(data.img!.rgba, Uint32Array.of(7, 9));
  data.s!.x![0] = -1;
  assert.equal(reducer.exportData().s!.x![0], 3, "a copy: changing it changes nothing kept");
});

/** A stream job whose dispose() is counted. */
function countedStream(disposals: { count: number }): JobFactory {
  return async (params, context) => {
    const job = (await createStream(params, context)) as Job;
    return { ...job, dispose: () => void disposals.count++ };
  };
}

test("a stream through its data port: pushed rows are drawn, exported (taken first), and picked", options, async (t) => {
  const page = new Page();
  const disposals = { count: 0 };
  const runner = await JobRunner.create(countedStream(disposals), { series: ["a"], x: "value" }, testContext(), page.workerPort, () => 0);
  t.after(() => page.close());
  page.credit();
  assert.equal((await page.nextFrame()).data["p0g0"]!.length, 0, "nothing pushed: an empty line");
  page.postRaw({ type: "push", chunks: [{ rows: 3, columns: { x: Float64Array.of(1, 2, 3), a: Float64Array.of(5, 6, 7) } }], skipped: 0 });
  page.postRaw({ type: "export", request: 4 });
  const exported = (await page.next()) as Extract<WorkerMessage, { type: "exported" }>;
  assert.equal(exported.type, "exported");
  assert.equal(exported.request, 4);
  assert.deepEqual([exported.data.a!.x, exported.data.a!.y], [Float64Array.of(1, 2, 3), Float64Array.of(5, 6, 7)], "the rows pushed before the export are in it");
  page.credit();
  const frame = await page.nextFrame();
  assert.equal(frame.data["p0g0"]!.length, 3, "and drawn in the next frame");
  page.postRaw({ type: "pick", request: 5, panel: 0, x: 2.4 });
  assert.deepEqual(await page.next(), { type: "picked", request: 5, points: [{ name: "a", color: "#1f77b4", x: 2, y: 6 }] });
  assert.deepEqual(runner.snapshot(), { appended: 3, kept: 3 });
  await runner.configure({ series: ["a"], x: "value", window: 10 });
  assert.equal(disposals.count, 1, "a restart disposes the old job");
  runner.dispose();
  assert.equal(disposals.count, 2, "dispose disposes the job");
});

test("an export from a failed job is refused with the reason; the job's own failure first", options, async (t) => {
  const page = new Page();
  const failing: JobFactory = async (params, context) => {
    const job = (await createStream(params, context)) as Job;
    return {
      ...job,
      write() {
        throw new Error("broken");
      },
    };
  };
  const runner = await JobRunner.create(failing, { series: ["a"] }, testContext(), page.workerPort, () => 0);
  t.after(() => (runner.dispose(), page.close()));
  page.postRaw({ type: "export", request: 1 });
  assert.deepEqual(await page.next(), { type: "error", error: { code: "job-failed", message: "broken" } });
  assert.deepEqual(await page.next(), { type: "export-failed", request: 1, error: { code: "job-failed", message: "the job failed earlier; reset it to start again" } });
  page.postRaw({ type: "export", request: 2 });
  assert.equal(((await page.next()) as { type: string }).type, "export-failed");
  await settle();
  assert.equal(page.pending, 0);
});

test("a time window: the x axis shows the last xWindow ms up to the clock, data or not", () => {
  const saved = dateClock.now;
  dateClock.now = () => 1_700_000_060_000;
  try {
    const scene: Scene = { sources: { s: { columns: XY, capacity: 10, mode: "append" } }, glyphs: [{ kind: "line", source: "s", x: "x", y: "y" }], xAxis: "datetime", xWindow: 60_000 };
    const reducer = new FrameReducer(scene, { width: 200, height: 100 });
    const display = reducer.scene;
    const frame = Object.fromEntries(Object.entries(display.sources).map(([name, spec]) => [name, { length: 0, columns: { x: new Float64Array(spec.capacity), y: new Float64Array(spec.capacity) } }]));
    assert.deepEqual(reducer.reduce(frame)[0]!.x, [1_700_000_000_000, 1_700_000_060_000], "no data yet");
    reducer.take(pointsJob(scene, [1_700_000_050_000], [1]));
    dateClock.now = () => 1_700_000_061_000;
    assert.deepEqual(reducer.reduce(frame)[0]!.x, [1_700_000_001_000, 1_700_000_061_000], "a second later, a second on");
  } finally {
    dateClock.now = saved;
  }
});
