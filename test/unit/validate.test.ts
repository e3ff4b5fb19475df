import { test } from "node:test";
import assert from "node:assert/strict";
import { LivePlotError, type ErrorCode } from "../../src/protocol/errors.js";
import type { Scene } from "../../src/protocol/types.js";
import {
  checkJob,
  checkParamsObject,
  isBuiltinJob,
  looksLikeModuleUrl,
  parseBackend,
  parseParams,
  parsePositiveInt,
  parseRange,
  readNumbers,
  sameScene,
} from "../../src/protocol/validate.js";
import { createWave } from "../../src/worker/jobs/wave.js";
import { testContext } from "./context.js";

/** assert.throws predicate: a LivePlotError with `code` whose message matches `message`, if given. */
function failsWith(code: ErrorCode, message?: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof LivePlotError, `expected a LivePlotError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (message) assert.match(error.message, message);
    return true;
  };
}

test("parseParams: empty or missing means {}", () => {
  assert.deepEqual(parseParams(null), {});
  assert.deepEqual(parseParams(""), {});
  assert.deepEqual(parseParams("   "), {});
});

test("parseParams: a JSON object is returned as is", () => {
  assert.deepEqual(parseParams('{"points": 50, "speed": -2}'), { points: 50, speed: -2 });
});

test("parseParams: invalid JSON says to write a JSON object", () => {
  assert.throws(() => parseParams("{points: 50}"), failsWith("invalid-params", /not valid JSON.*write a JSON object/));
});

test("parseParams: JSON that is not an object is invalid-params", () => {
  for (const text of ["[1, 2]", "42", '"wave"', "null", "true"]) {
    assert.throws(() => parseParams(text), failsWith("invalid-params", /must be a JSON object/), text);
  }
});

test("checkParamsObject: accepts plain objects, rejects everything else", () => {
  const params = { frequency: 3 };
  assert.equal(checkParamsObject(params), params);
  assert.throws(() => checkParamsObject([1]), failsWith("invalid-params", /got \[1\]/));
  assert.throws(() => checkParamsObject(null), failsWith("invalid-params", /got null/));
  assert.throws(() => checkParamsObject(7), failsWith("invalid-params", /got 7/));
  assert.throws(() => checkParamsObject("x"), failsWith("invalid-params", /got "x"/));
  assert.throws(() => checkParamsObject(undefined), failsWith("invalid-params", /got undefined/));
});

test("parseRange: missing, auto, and min,max", () => {
  assert.equal(parseRange("x-range", null), undefined);
  assert.equal(parseRange("x-range", undefined), undefined);
  assert.equal(parseRange("x-range", " "), undefined);
  assert.equal(parseRange("x-range", "auto"), "auto");
  assert.equal(parseRange("x-range", " auto "), "auto");
  assert.deepEqual(parseRange("x-range", "0,10"), [0, 10]);
  assert.deepEqual(parseRange("y-range", " -1.5 , 2e1 "), [-1.5, 20]);
});

test("parseRange: bad ranges are invalid-attribute and name the attribute", () => {
  for (const text of ["10,0", "3,3", "a,b", "1", "1,2,3", "0,Infinity", ",10", "-5,", ","]) {
    assert.throws(() => parseRange("y-range", text), failsWith("invalid-attribute", /^y-range must be "auto" or "min,max"/), text);
  }
});

test("parsePositiveInt: missing is undefined, integers in range pass", () => {
  assert.equal(parsePositiveInt("width", undefined, 100), undefined);
  assert.equal(parsePositiveInt("width", null, 100), undefined);
  assert.equal(parsePositiveInt("width", 1, 100), 1);
  assert.equal(parsePositiveInt("width", 100, 100), 100);
});

test("parsePositiveInt: NaN, 0, negatives, fractions and too big are invalid-attribute", () => {
  assert.throws(() => parsePositiveInt("max-points", NaN, 100), failsWith("invalid-attribute", /not a number/));
  for (const value of [0, -1, 1.5, 101, Infinity]) {
    assert.throws(() => parsePositiveInt("max-points", value, 100), failsWith("invalid-attribute", /^max-points must be an integer from 1 to 100/), String(value));
  }
});

test("parseBackend: defaults to canvas, accepts the known backends", () => {
  assert.equal(parseBackend(null), "canvas");
  assert.equal(parseBackend(undefined), "canvas");
  assert.equal(parseBackend(""), "canvas");
  for (const backend of ["canvas", "webgl", "svg"]) assert.equal(parseBackend(backend), backend);
  assert.throws(() => parseBackend("opengl"), failsWith("invalid-attribute", /one of canvas, webgl, svg/));
  assert.throws(() => parseBackend("WebGL"), failsWith("invalid-attribute"));
});

test("isBuiltinJob: only the built-in names", () => {
  assert.equal(isBuiltinJob("wave"), true);
  assert.equal(isBuiltinJob("Wave"), false);
  assert.equal(isBuiltinJob("nope"), false);
  assert.equal(isBuiltinJob(""), false);
});

test("looksLikeModuleUrl: paths and URLs versus bare names", () => {
  for (const job of ["./x.js", "../x.js", "/a/b.mjs", "https://h/x.js", "file:///tmp/job.js", "jobs/x.js?v=2"]) {
    assert.equal(looksLikeModuleUrl(job), true, job);
  }
  for (const job of ["wave", "nope", "my-job"]) assert.equal(looksLikeModuleUrl(job), false, job);
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
  const badCapacity = await waveJobWith((job) => (job.scene.sources.wave.capacity = 0));
  assert.throws(() => checkJob(badCapacity), failsWith("invalid-module", /source "wave" needs .* positive integer capacity/));
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
