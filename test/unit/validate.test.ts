import { test } from "node:test";
import assert from "node:assert/strict";
import type { Scene } from "../../src/protocol/types.js";
import { checkJob } from "../../src/worker/engine/check-job.js";
import { workClock } from "../../src/worker/engine/work-clock.js";
import { isBuiltinJob } from "../../src/protocol/jobs.js";
import { changesOnly, readNumbers, readVector } from "../../src/worker/jobs/params.js";
import { LivePlotError, errorMessage, toErrorInfo, type ErrorCode } from "../../src/protocol/errors.js";
import { describeValue, isPlainObject } from "../../src/protocol/values.js";
import { sameScene } from "../../src/protocol/scene.js";
import { createWave } from "../../src/worker/jobs/wave.js";
import { testContext } from "./context.js";
import { failsWith } from "./fails-with.js";


test("isBuiltinJob: only the built-in names", () => {
  assert.equal(isBuiltinJob("wave"), true);
  assert.equal(isBuiltinJob("Wave"), false);
  assert.equal(isBuiltinJob("nope"), false);
  assert.equal(isBuiltinJob(""), false);
});

test("readNumbers: fills defaults and keeps given values", () => {
  const rules = { n: { default: 5, min: 1, integer: true }, f: { default: 0.5, max: 1 } };
  assert.deepEqual(readNumbers("job", {}, rules), { n: 5, f: 0.5 });
  assert.deepEqual(readNumbers("job", { f: -3 }, rules), { n: 5, f: -3 });
});

test("readNumbers: min, max, integer and type violations name the parameter and its bounds", () => {
  const rules = { n: { default: 5, min: 1, max: 10, integer: true } };
  const bounds = /^job: n must be an integer >= 1 <= 10, got /;
  for (const n of [0, 11, 2.5, "3", NaN, Infinity, [1]]) {
    assert.throws(() => readNumbers("job", { n }, rules), failsWith("invalid-params", bounds), String(n));
  }
});

test("readNumbers: an unknown parameter is an error that lists the known ones", () => {
  const rules = { points: { default: 2 }, speed: { default: 1 } };
  assert.throws(() => readNumbers("wave", { pionts: 3 }, rules), failsWith("invalid-params", /unknown parameter "pionts"; known: points, speed/));
  // Names every object inherits are unknown parameters too, not a way around the check.
  for (const name of ["toString", "constructor", "__proto__"]) {
    const params = JSON.parse(`{"${name}": 3}`) as Record<string, unknown>;
    assert.throws(() => readNumbers("wave", params, rules), failsWith("invalid-params", /unknown parameter/), name);
  }
});

test("readNumbers: null is not a number (only a missing parameter takes the default)", () => {
  assert.throws(() => readNumbers("wave", { points: null }, { points: { default: 2 } }), failsWith("invalid-params", /got null/));
});

/** Job objects are mutated into invalid shapes below, so they are typed loosely. */
type Loose = Record<string, any>;

/** A valid job (the wave), copied with its scene, with `change` applied to the copy. */
async function waveJobWith(change: (job: Loose) => void): Promise<unknown> {
  const wave = await createWave({ points: 10 }, testContext());
  const job: Loose = { ...wave, scene: structuredClone(wave.scene) };
  change(job);
  return job;
}

test("checkJob: accepts the wave job", async () => {
  const wave = await createWave({}, testContext());
  assert.equal(checkJob(wave), wave);
});

test("checkJob: rejects what is not a job object", () => {
  for (const value of [null, undefined, 3, "job", [], () => undefined]) {
    assert.throws(() => checkJob(value), failsWith("invalid-module", /factory must return an object/), String(value));
  }
});

test("checkJob: rejects a job missing a method", async () => {
  for (const method of ["advance", "write", "snapshot", "counters"]) {
    const job = await waveJobWith((job) => delete job[method]);
    assert.throws(() => checkJob(job), failsWith("invalid-module", new RegExp(`has no ${method}\\(\\) method`)), method);
  }
});

test("checkJob: rejects a bad scene shape", async () => {
  const noScene = await waveJobWith((job) => delete job.scene);
  assert.throws(() => checkJob(noScene), failsWith("invalid-module", /scene must be an object/));
  const noGlyphs = await waveJobWith((job) => (job.scene.glyphs = {}));
  assert.throws(() => checkJob(noGlyphs), failsWith("invalid-module", /scene must be an object/));
  for (const capacity of [0, -1, -10, 1.5, "10", Number.NaN, Infinity, null]) {
    const badCapacity = await waveJobWith((job) => (job.scene.sources.wave.capacity = capacity));
    assert.throws(() => checkJob(badCapacity), failsWith("invalid-module", /source "wave" needs .* positive integer capacity/), String(capacity));
  }
  const noColumns = await waveJobWith((job) => (job.scene.sources.wave.columns = null));
  assert.throws(() => checkJob(noColumns), failsWith("invalid-module", /source "wave" needs columns/));
  const badMode = await waveJobWith((job) => (job.scene.sources.wave.mode = "apend"));
  assert.throws(() => checkJob(badMode), failsWith("invalid-module", /source "wave" has mode "apend": use "replace" \(the default\) or "append"/));
  for (const mode of ["replace", "append", undefined]) {
    const job = await waveJobWith((job) => (job.scene.sources.wave.mode = mode));
    assert.equal(checkJob(job), job, String(mode));
  }
  const panels = await waveJobWith((job) => (job.scene.panels = {}));
  assert.throws(() => checkJob(panels), failsWith("invalid-module", /panels must be an array/));
  const panelWithout = await waveJobWith((job) => (job.scene.panels = [{ title: "no glyphs" }]));
  assert.throws(() => checkJob(panelWithout), failsWith("invalid-module", /panels must each have glyphs/));
  const panelGlyph = await waveJobWith((job) => (job.scene.panels = [{ glyphs: [{ kind: "line", source: "nowhere", x: "x", y: "y" }] }]));
  assert.throws(() => checkJob(panelGlyph), failsWith("invalid-module", /unknown source "nowhere"/), "a panel's glyphs are checked too");
});

/** A valid job drawing one 4 × 3 RGBA image, changed by `change`. */
function imageJobWith(change: (glyph: Loose, source: Loose) => void): Loose {
  const source: Loose = { columns: { rgba: "u32" }, capacity: 12 };
  const glyph: Loose = { kind: "image", source: "picture", image: "rgba", width: 4, height: 3, x: 0, y: 0, dw: 1, dh: 1 };
  change(glyph, source);
  return { scene: { sources: { picture: source }, glyphs: [glyph] }, advance() {}, write() {}, snapshot: () => ({}), counters: () => ({ steps: 0 }) };
}

test("checkJob: an image glyph needs positive integer width and height, a u32 column of exactly that many pixels, and finite placement", () => {
  const good = imageJobWith(() => {});
  assert.equal(checkJob(good), good);
  for (const [field, value] of [["width", 0], ["height", 0], ["width", -4], ["height", 1.5], ["width", "4"], ["height", undefined]] as const) {
    const job = imageJobWith((glyph) => (glyph[field] = value));
    assert.throws(() => checkJob(job), failsWith("invalid-module", /image glyph needs positive integer width and height/), `${field} ${value}`);
  }
  const wrongSize = imageJobWith((_, source) => (source.capacity = 11));
  assert.throws(() => checkJob(wrongSize), failsWith("invalid-module", /image column "rgba" must be "u32" with a capacity of 4 × 3 pixels/));
  const wrongType = imageJobWith((_, source) => (source.columns.rgba = "f64"));
  assert.throws(() => checkJob(wrongType), failsWith("invalid-module", /must be "u32"/));
  for (const field of ["x", "y", "dw", "dh"]) {
    for (const value of [Number.NaN, Infinity, "0", undefined]) {
      const job = imageJobWith((glyph) => (glyph[field] = value));
      assert.throws(() => checkJob(job), failsWith("invalid-module", new RegExp(`image glyph's ${field} must be a finite number`)), `${field} ${String(value)}`);
    }
  }
  const unknownImage = imageJobWith((glyph) => (glyph.image = "pixels"));
  assert.throws(() => checkJob(unknownImage), failsWith("invalid-module", /reads unknown column "pixels"/));
});

test("checkJob: rejects a glyph drawing from an unknown source", async () => {
  const job = await waveJobWith((job) => (job.scene.glyphs[0].source = "wav"));
  assert.throws(() => checkJob(job), failsWith("invalid-module", /unknown source "wav"/));
});

test("checkJob: rejects a glyph reading an unknown column", async () => {
  const job = await waveJobWith((job) => (job.scene.glyphs[0].y = "z"));
  assert.throws(() => checkJob(job), failsWith("invalid-module", /reads unknown column "z"/));
});

test("checkJob: names every object inherits are unknown sources and columns", async () => {
  for (const name of ["constructor", "toString", "__proto__"]) {
    const source = await waveJobWith((job) => (job.scene.glyphs[0].source = name));
    assert.throws(() => checkJob(source), failsWith("invalid-module", /unknown source/), name);
    const column = await waveJobWith((job) => (job.scene.glyphs[0].x = name));
    assert.throws(() => checkJob(column), failsWith("invalid-module", /unknown column/), name);
  }
});

test("checkJob: rejects a glyph of unknown kind", async () => {
  const job = await waveJobWith((job) => (job.scene.glyphs[0].kind = "bar"));
  assert.throws(() => checkJob(job), failsWith("invalid-module", /kind among line, scatter/));
});

test("checkJob: rejects a column type other than f64 or u32", async () => {
  const job = await waveJobWith((job) => (job.scene.sources.wave.columns.y = "f32"));
  assert.throws(() => checkJob(job), failsWith("invalid-module", /column "wave.y" must be "f64" or "u32", got "f32"/));
});

test("sameScene: alike by JSON; with ignoreRanges, scenes differing only in panel ranges are alike", () => {
  const scene = { sources: { s: { columns: { x: "f64", y: "f64" }, capacity: 2 } }, glyphs: [{ kind: "line", source: "s", x: "x", y: "y" }], xRange: [0, 1], panels: [{ glyphs: [], yRange: [1, 2] }] } as const satisfies Scene;
  const moved = { ...scene, xRange: [0, 2], panels: [{ glyphs: [], yRange: [1, 3] }] } as const satisfies Scene;
  const other = { ...scene, glyphs: [{ kind: "scatter", source: "s", x: "x", y: "y" }] } as const satisfies Scene;
  assert.equal(sameScene(scene, structuredClone(scene)), true);
  assert.equal(sameScene(scene, moved), false);
  assert.equal(sameScene(scene, moved, true), true);
  assert.equal(sameScene(scene, other, true), false);
});

test("readNumbers: messages state each rule's bounds as they are: integer or number, min, max, none", () => {
  const rules = {
    count: { default: 1, min: 1, max: 10, integer: true },
    rate: { default: 0.5, min: 0 },
    gain: { default: 1, max: 2 },
    any: { default: 0 },
  };
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ count: 0 }, /^job: count must be an integer >= 1 <= 10, got 0$/],
    [{ count: 11 }, /^job: count must be an integer >= 1 <= 10, got 11$/],
    [{ count: 2.5 }, /^job: count must be an integer >= 1 <= 10, got 2.5$/],
    [{ rate: -0.1 }, /^job: rate must be a number >= 0, got -0.1$/],
    [{ gain: 3 }, /^job: gain must be a number <= 2, got 3$/],
    [{ any: Infinity }, /^job: any must be a number, got Infinity$/],
    [{ any: Number.NaN }, /^job: any must be a number, got NaN$/],
    [{ any: "3" }, /^job: any must be a number, got "3"$/],
    [{ any: [1] }, /^job: any must be a number, got \[1\]$/],
  ];
  for (const [params, message] of cases) assert.throws(() => readNumbers("job", params, rules), failsWith("invalid-params", message), JSON.stringify(params));
  // The bounds themselves are allowed.
  assert.deepEqual(readNumbers("job", { count: 10, rate: 0, gain: 2, any: -1e300 }, rules), { count: 10, rate: 0, gain: 2, any: -1e300 });
  assert.deepEqual(readNumbers("job", { count: 1 }, rules), { count: 1, rate: 0.5, gain: 1, any: 0 });
});

test("readNumbers: the known parameters listed are the rules' and the others given, no more", () => {
  const rules = { a: { default: 1 }, b: { default: 2 } };
  assert.throws(() => readNumbers("job", { c: 1 }, rules), failsWith("invalid-params", /^job: unknown parameter "c"; known: a, b$/));
  assert.throws(() => readNumbers("job", { d: 1 }, rules, ["c"]), failsWith("invalid-params", /^job: unknown parameter "d"; known: a, b, c$/));
  assert.deepEqual(readNumbers("job", { c: "read elsewhere" }, rules, ["c"]), { a: 1, b: 2 });
});

test("readVector: a non-empty array of finite numbers, of the length asked for", () => {
  assert.deepEqual(readVector("lorenz", "y0", [1, 2, 3], 3), [1, 2, 3]);
  assert.deepEqual(readVector("ode", "y0", [0.5]), [0.5], "any length without one asked for");
  for (const value of [[], [1, Number.NaN], [1, Infinity], [1, "2"], "1,2", null, { 0: 1 }]) {
    assert.throws(() => readVector("ode", "y0", value), failsWith("invalid-params", /^ode: y0 must be a non-empty array of finite numbers, got /), JSON.stringify(value));
  }
  assert.throws(() => readVector("lorenz", "y0", [1, 2], 3), failsWith("invalid-params", /^lorenz: y0 must have 3 elements, got 2$/));
  assert.throws(() => readVector("lorenz", "y0", [1, 2, 3, 4], 3), failsWith("invalid-params", /^lorenz: y0 must have 3 elements, got 4$/));
});

test("changesOnly: only the live parameters differ; typed arrays compare by value, the rest by JSON", () => {
  const data = Float64Array.of(1, 2, 3);
  const before = { data, rate: 1, label: { a: [1, 2] } };
  assert.equal(changesOnly(before, { ...before, rate: 2 }, ["rate"]), true);
  assert.equal(changesOnly(before, { ...before, rate: 2 }, []), false);
  assert.equal(changesOnly(before, { ...before, label: { a: [1, 2] } }, []), true, "equal by JSON");
  assert.equal(changesOnly(before, { ...before, label: { a: [1, 3] } }, []), false);
  assert.equal(changesOnly(before, { data }, []), false, "a parameter left out is a change");
  assert.equal(changesOnly(before, { ...before, extra: 1 }, []), false, "a parameter added is a change");
  assert.equal(changesOnly(before, { ...before, extra: 1 }, ["extra"]), true);
  assert.equal(changesOnly(before, { ...before, data: Float64Array.of(1, 2, 3) }, []), true, "another array of the same values");
  assert.equal(changesOnly(before, { ...before, data: Float64Array.of(1, 2, 4) }, []), false, "a value differs");
  assert.equal(changesOnly(before, { ...before, data: Float64Array.of(1, 2) }, []), false, "a length differs");
  assert.equal(changesOnly({ data: Float64Array.of(1, 2) }, before, ["rate", "label"]), false, "a longer one");
  assert.equal(changesOnly(before, { ...before, data: Float32Array.of(1, 2, 3) }, []), false, "another array type");
  assert.equal(changesOnly(before, { ...before, data: { 0: 1, 1: 2, 2: 3 } }, []), false, "an object of the same JSON");
  assert.equal(changesOnly(before, { ...before, data: [1, 2, 3] }, []), false, "a plain array is not the typed one");
  assert.equal(changesOnly({ data: [1, 2, 3] }, { data: Float64Array.of(1, 2, 3) }, []), false, "nor the other way round");
  const nan = { data: Float64Array.of(Number.NaN) };
  assert.equal(changesOnly(nan, { data: Float64Array.of(Number.NaN) }, []), true, "NaN is the same value as NaN");
  assert.equal(changesOnly({ data: Float64Array.of(0) }, { data: Float64Array.of(-0) }, []), false, "0 and -0 differ");
});

test("checkJob: the smallest sizes are fine: capacity 1, a 1 × 1 image", () => {
  const tiny = imageJobWith((glyph, source) => {
    glyph.width = glyph.height = 1;
    source.capacity = 1;
  });
  assert.equal(checkJob(tiny), tiny);
});

test("describeValue and isPlainObject: how messages quote what they were given", () => {
  assert.equal(describeValue(null), "null");
  assert.equal(describeValue(undefined), "undefined");
  assert.equal(describeValue(7), "7");
  assert.equal(describeValue("x"), '"x"');
  assert.equal(describeValue([1, 2, 3, 4, 5, 6, 7, 8]), "[1,2,3,4,5,6,7,8]", "up to 8 elements shown");
  assert.equal(describeValue([1, 2, 3, 4, 5, 6, 7, 8, 9]), "an array", "a data set is not spelled out");
  assert.equal(describeValue({ a: 1 }), "an object");
  assert.equal(describeValue(Float64Array.of(1)), "an object");
  assert.equal(describeValue(true), "true");
  for (const value of [{}, { a: 1 }, Object.create(null)]) assert.equal(isPlainObject(value), true);
  for (const value of [null, [], "x", 1, undefined]) assert.equal(isPlainObject(value), false, String(value));
});

test("errors: LivePlotError keeps its code; toErrorInfo keeps every known code and falls back for the rest", () => {
  const error = new LivePlotError("diverged", "it grew");
  assert.equal(error.name, "LivePlotError");
  assert.ok(error instanceof Error);
  const from = LivePlotError.from({ code: "timeout", message: "late" });
  assert.deepEqual([from.code, from.message, from.name], ["timeout", "late", "LivePlotError"]);
  const codes: ErrorCode[] = ["unknown-job", "invalid-params", "invalid-attribute", "invalid-module", "invalid-data", "diverged", "rhs-failed", "solver-failed", "job-failed", "worker-failed", "timeout", "removed"];
  for (const code of codes) {
    // A user's module need not import the class: any error with a known code keeps it.
    assert.deepEqual(toErrorInfo(Object.assign(new Error("m"), { code }), "job-failed"), { code, message: "m" }, code);
  }
  assert.deepEqual(toErrorInfo(Object.assign(new Error("m"), { code: "ENOENT" }), "invalid-data"), { code: "invalid-data", message: "m" });
  assert.deepEqual(toErrorInfo({ code: 42 }, "job-failed"), { code: "job-failed", message: "[object Object]" });
  assert.deepEqual(toErrorInfo({ code: { toString: () => "timeout" } }, "job-failed").code, "job-failed", "a code is a string");
  assert.deepEqual(toErrorInfo({ code: "toString" }, "job-failed").code, "job-failed", "inherited names are no codes");
  assert.deepEqual(toErrorInfo(null, "rhs-failed"), { code: "rhs-failed", message: "null" });
  assert.deepEqual(toErrorInfo(undefined, "rhs-failed"), { code: "rhs-failed", message: "undefined" });
  assert.deepEqual(toErrorInfo("plain text", "job-failed"), { code: "job-failed", message: "plain text" });
  assert.equal(errorMessage(new TypeError("bad")), "bad");
  assert.equal(errorMessage(3), "3");
});

test("the work clock is the machine's monotonic clock unless tests replace it", () => {
  const before = performance.now();
  const now = workClock.now();
  const after = performance.now();
  assert.ok(before <= now && now <= after, `${before} ≤ ${now} ≤ ${after}`);
});
