// The stream job on its own: its params and scene, rows pushed in chunks handed to the engine in
// order with their x (the row index, or the pushed x), a write that has less room than the rows
// waiting, and rows beyond a window's worth dropped before they are ever written.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { FrameData, Job, PushChunk } from "../../src/protocol/types.js";
import { checkJob } from "../../src/worker/engine/check-job.js";
import { createStream } from "../../src/worker/jobs/stream.js";
import { testContext } from "./context.js";
import { failsWith } from "./fails-with.js";
import { written } from "./written.js";

const stream = (params: Record<string, unknown>) => createStream(params, testContext()) as Job;
const chunk = (columns: Record<string, number[]>): PushChunk => ({ rows: Object.values(columns)[0]!.length, columns: Object.fromEntries(Object.entries(columns).map(([name, values]) => [name, Float64Array.from(values)])) });
const rows = (frame: FrameData, source: string) => {
  const { length, columns } = frame[source]!;
  return [[...columns.x!.subarray(0, length)], [...columns.y!.subarray(0, length)]];
};

test("stream params: series named (1 to 32, distinct, not x), x among index, time, value, window 2 to 10⁷", () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{}, /^stream: series must name 1 to 32 series/],
    [{ series: [] }, /series must name/],
    [{ series: "a" }, /series must name/],
    [{ series: ["a", ""] }, /series must name/],
    [{ series: ["a", 3] }, /series must name/],
    [{ series: ["x"] }, /not "x"/],
    [{ series: Array.from({ length: 33 }, (_, i) => `s${i}`) }, /1 to 32/],
    [{ series: ["a", "a"] }, /^stream: series names must differ/],
    [{ series: ["a"], x: "date" }, /^stream: x must be "index", "time", "value", got "date"/],
    [{ series: ["a"], window: 1 }, /window must be an integer >= 2 <= 10000000/],
    [{ series: ["a"], window: 2.5 }, /window must be an integer/],
    [{ series: ["a"], windw: 5 }, /unknown parameter "windw"; known: window, series, x, url, windowSeconds/],
    [{ series: ["a"], x: "time", windowSeconds: 0 }, /^stream: windowSeconds must be a number > 0, got 0/],
    [{ series: ["a"], x: "time", windowSeconds: "60" }, /windowSeconds must be a number > 0/],
    [{ series: ["a"], windowSeconds: 60 }, /windowSeconds needs "x": "time"/],
    [{ series: ["a"], url: "ftp://example.org/feed" }, /^stream: url must be a ws:, wss: \(WebSocket\) or http:, https: \(EventSource\) URL, got "ftp:\/\/example.org\/feed"/],
    [{ series: ["a"], url: 42 }, /url must be a ws:/],
    [{ series: ["a", "b"], stack: "yes" }, /^stream: stack must be true or false, got "yes"/],
  ];
  for (const [params, message] of cases) assert.throws(() => stream(params), failsWith("invalid-params", message), JSON.stringify(params));
});

test("the scene: one append source and one named line per series, a sliding x, the push spec; time makes a datetime axis", () => {
  const scene = stream({ series: ["a", "b"], window: 10 }).scene;
  const source = { columns: { x: "f64", y: "f64" }, capacity: 10, mode: "append" };
  assert.deepEqual(scene, {
    sources: { a: source, b: source },
    glyphs: [
      { kind: "line", source: "a", x: "x", y: "y", color: "#1f77b4", name: "a" },
      { kind: "line", source: "b", x: "x", y: "y", color: "#ff7f0e", name: "b" },
    ],
    xLabel: "row",
    yLabel: "value",
    xFollow: "slide",
    accepts: { series: ["a", "b"], x: "index", keep: 10 },
  });
  const timed = stream({ series: ["temperature"], x: "time" }).scene;
  assert.deepEqual([timed.xAxis, timed.xLabel, timed.yLabel, timed.accepts], ["datetime", "time", "temperature", { series: ["temperature"], x: "time", keep: 100_000 }]);
  assert.equal(stream({ series: ["a"], x: "value" }).scene.xLabel, "x");
  assert.equal(stream({ series: ["a"], x: "time", windowSeconds: 90 }).scene.xWindow, 90_000, "a time window, in ms");
  assert.doesNotThrow(() => checkJob(stream({ series: ["a"] })), "the engine's own check takes it");
});

test("stacked: the first series in the main panel, each other in a panel of its own below, all on one x", () => {
  const scene = stream({ series: ["a", "b", "c"], x: "time", windowSeconds: 60, stack: true }).scene;
  const axes = { xLabel: "time", xAxis: "datetime", xFollow: "slide", xWindow: 60_000 };
  const line = (name: string, color: string) => ({ kind: "line", source: name, x: "x", y: "y", color, name });
  assert.deepEqual({ ...scene, sources: undefined, accepts: undefined }, {
    ...axes,
    sources: undefined,
    accepts: undefined,
    glyphs: [line("a", "#1f77b4")],
    yLabel: "a",
    panels: [
      { ...axes, glyphs: [line("b", "#ff7f0e")], yLabel: "b" },
      { ...axes, glyphs: [line("c", "#2ca02c")], yLabel: "c" },
    ],
    sharedX: true,
  });
  assert.doesNotThrow(() => checkJob(stream({ series: ["a", "b"], stack: true })));
  const single = stream({ series: ["a"], stack: true }).scene;
  assert.deepEqual([single.panels, single.sharedX], [undefined, undefined], "one series: nothing to stack");
});

test("rows go out in the order pushed, x their index since the first row, skipped rows counted in it", () => {
  const job = stream({ series: ["a", "b"], window: 100 });
  job.push!([chunk({ a: [1, 2], b: [10, 20] }), chunk({ a: [3], b: [30] })], 0);
  const first = written(job);
  assert.deepEqual(rows(first, "a"), [[0, 1, 2], [1, 2, 3]]);
  assert.deepEqual(rows(first, "b"), [[0, 1, 2], [10, 20, 30]]);
  assert.deepEqual(rows(written(job), "a"), [[], []], "nothing new: nothing written");
  job.push!([chunk({ a: [], b: [] }), chunk({ a: [4], b: [40] })], 5);
  assert.deepEqual(rows(written(job), "a"), [[8], [4]], "five rows skipped on the way: this is row 8");
  assert.deepEqual(job.snapshot(), { appended: 9, kept: 9 });
  assert.deepEqual(job.counters(), { steps: 9 });
});

test("with an x column, rows keep their own x", () => {
  const job = stream({ series: ["a"], x: "time" });
  job.push!([chunk({ x: [1.7e12, 1.7e12 + 5], a: [1, 2] })], 0);
  assert.deepEqual(rows(written(job), "a"), [[1.7e12, 1.7e12 + 5], [1, 2]]);
});

test("a write with less room than the rows waiting takes what fits; the next takes the rest", () => {
  const job = stream({ series: ["a"], window: 100 });
  job.push!([chunk({ a: [1, 2, 3] }), chunk({ a: [4, 5] })], 0);
  const small = (): FrameData => ({ a: { length: 0, columns: { x: new Float64Array(2), y: new Float64Array(2) } } });
  const parts = [small(), small(), small(), small()];
  for (const frame of parts) job.write(frame);
  assert.deepEqual(parts.map((frame) => rows(frame, "a")[1]), [[1, 2], [3, 4], [5], []]);
});

test("rows beyond a window's worth waiting are dropped, oldest first, and still counted as appended", () => {
  const job = stream({ series: ["a"], window: 4 });
  job.push!([chunk({ a: [1, 2, 3] }), chunk({ a: [4, 5] }), chunk({ a: [6] })], 0);
  assert.deepEqual(rows(written(job), "a"), [[2, 3, 4, 5], [3, 4, 5, 6]]);
  assert.deepEqual(job.snapshot(), { appended: 6, kept: 4 });
  job.push!([chunk({ a: [7, 8, 9, 10, 11, 12] })], 0);
  assert.deepEqual(rows(written(job), "a"), [[8, 9, 10, 11], [9, 10, 11, 12]], "a chunk longer than the window keeps its newest rows");
});

test("the engine refuses a scene that accepts rows but is malformed, or a job without push()", () => {
  const base = stream({ series: ["a"] });
  const cases: [unknown, RegExp][] = [
    [{ series: [], x: "index", keep: 1 }, /accepts needs series: distinct non-empty names/],
    [{ series: ["a", "a"], x: "index", keep: 1 }, /distinct/],
    [{ series: ["a", 2], x: "index", keep: 1 }, /distinct non-empty names/],
    [{ series: "a", x: "index", keep: 1 }, /distinct non-empty names/],
    [{ series: ["a"], x: "date", keep: 1 }, /accepts has x "date": use index, time, value/],
    [{ series: ["a"], x: "index", keep: 0 }, /keep, a positive integer, got 0/],
    [{ series: ["a"], x: "index" }, /keep, a positive integer/],
    ["all", /accepts needs series/],
  ];
  for (const [accepts, message] of cases) {
    assert.throws(() => checkJob({ ...base, scene: { ...base.scene, accepts } }), failsWith("invalid-module", message), JSON.stringify(accepts));
  }
  const { push: _, ...withoutPush } = base;
  assert.throws(() => checkJob(withoutPush), failsWith("invalid-module", /accepts pushed rows but has no push\(\) method/));
  assert.throws(() => checkJob({ ...base, scene: { ...base.scene, glyphs: [{ ...base.scene.glyphs[0], name: 3 }] } }), failsWith("invalid-module", /name must be a string, got 3/));
  assert.throws(() => checkJob({ ...base, scene: { ...base.scene, sharedX: "yes" } }), failsWith("invalid-module", /^the job scene sharedX must be true or false, got "yes"$/));
});
