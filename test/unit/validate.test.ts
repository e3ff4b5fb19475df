import { test } from "node:test";
import assert from "node:assert/strict";
import type { Scene } from "../../src/protocol/types.js";
import { checkJob } from "../../src/worker/engine/check-job.js";
import { isBuiltinJob } from "../../src/protocol/jobs.js";
import { readNumbers } from "../../src/worker/jobs/params.js";
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
