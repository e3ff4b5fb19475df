import { test } from "node:test";
import assert from "node:assert/strict";
import {
  DEFAULT_HEIGHT,
  checkParamsObject,
  looksLikeModuleUrl,
  parseBackend,
  parseJob,
  parseOffscreen,
  parseParams,
  parsePositiveInt,
  parseRange,
  readAttributes,
  readParams,
  type AttributeValues,
} from "../../src/ui/live-plot/attributes.js";
import { failsWith } from "./fails-with.js";

const NONE: AttributeValues = {
  job: "wave",
  params: null,
  width: undefined,
  height: undefined,
  maxPoints: undefined,
  xRange: undefined,
  yRange: undefined,
  backend: undefined,
  offscreen: undefined,
};
const PAGE = { baseUrl: "https://example.org/app/", pixelRatio: 2, clientWidth: 450 };

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

test("looksLikeModuleUrl: paths and URLs versus bare names", () => {
  for (const job of ["./x.js", "../x.js", "/a/b.mjs", "https://h/x.js", "file:///tmp/job.js", "jobs/x.js?v=2"]) {
    assert.equal(looksLikeModuleUrl(job), true, job);
  }
  for (const job of ["wave", "nope", "my-job"]) assert.equal(looksLikeModuleUrl(job), false, job);
});

test("parseJob: built-in names (trimmed), module URLs as written, anything else unknown-job listing the built-ins", () => {
  assert.deepEqual(parseJob(" lorenz "), { builtin: true, name: "lorenz" });
  assert.deepEqual(parseJob("./jobs/walk.js"), { builtin: false, url: "./jobs/walk.js" });
  assert.throws(() => parseJob("lorentz"), failsWith("unknown-job", /job "lorentz".*wave, pixels, lorenz, ode, regression, gray-scott/));
  assert.throws(() => parseJob(undefined), failsWith("unknown-job", /no job attribute/));
  assert.throws(() => parseJob("   "), failsWith("unknown-job", /no job attribute/));
});

test("readParams: text is parsed as the attribute, objects are checked as the property", () => {
  assert.deepEqual(readParams('{"speed": 2}'), { speed: 2 });
  const object = { speed: 3 };
  assert.equal(readParams(object), object);
  assert.deepEqual(readParams(null), {});
  assert.deepEqual(readParams(undefined), {});
  assert.throws(() => readParams([1, 2]), failsWith("invalid-params", /must be a JSON object/));
});

test("parseOffscreen: pause by default, run, and nothing else", () => {
  assert.equal(parseOffscreen(undefined), "pause");
  assert.equal(parseOffscreen(null), "pause");
  assert.equal(parseOffscreen("pause"), "pause");
  assert.equal(parseOffscreen("run"), "run");
  assert.throws(() => parseOffscreen("stop"), failsWith("invalid-attribute", /offscreen must be "pause" or "run", got "stop"/));
});

test("readAttributes: defaults, and a viewport in device pixels from the laid-out width", () => {
  const read = readAttributes(NONE, PAGE);
  assert.deepEqual(read.job, { builtin: true, name: "wave" });
  assert.deepEqual(read.params, {});
  assert.equal(read.width, undefined);
  assert.equal(read.height, DEFAULT_HEIGHT);
  assert.equal(read.backend, "canvas");
  assert.equal(read.offscreen, "pause");
  assert.equal(read.xRange, undefined);
  assert.deepEqual(read.context, { maxPoints: undefined, baseUrl: PAGE.baseUrl, viewport: { width: 900, height: 600 } });
});

test("readAttributes: given values win; an element not laid out yet sizes frames 600 CSS pixels wide", () => {
  const values = { ...NONE, params: '{"speed": 2}', width: 320, height: 200, maxPoints: 5000, xRange: "0,10", yRange: "auto", backend: "svg", offscreen: "run" };
  const read = readAttributes(values, { ...PAGE, pixelRatio: 1.5 });
  assert.deepEqual(read.params, { speed: 2 });
  assert.equal(read.width, 320);
  assert.equal(read.height, 200);
  assert.deepEqual(read.xRange, [0, 10]);
  assert.equal(read.yRange, "auto");
  assert.equal(read.backend, "svg");
  assert.equal(read.offscreen, "run");
  assert.deepEqual(read.context.viewport, { width: 480, height: 300 });
  assert.equal(read.context.maxPoints, 5000);
  assert.deepEqual(readAttributes(NONE, { ...PAGE, pixelRatio: 1, clientWidth: 0 }).context.viewport, { width: 600, height: DEFAULT_HEIGHT });
});

test("readAttributes: each bad attribute throws its own error, naming the attribute", () => {
  const cases: [Partial<AttributeValues>, string, RegExp][] = [
    [{ job: "nope" }, "unknown-job", /job "nope"/],
    [{ params: "{bad" }, "invalid-params", /not valid JSON/],
    [{ width: 0 }, "invalid-attribute", /^width must be an integer from 1 to 16384/],
    [{ height: Number.NaN }, "invalid-attribute", /^height .* not a number/],
    [{ maxPoints: 10_000_001 }, "invalid-attribute", /^max-points must be an integer from 1 to 10000000/],
    [{ xRange: "5,1" }, "invalid-attribute", /^x-range/],
    [{ yRange: "a,b" }, "invalid-attribute", /^y-range/],
    [{ backend: "gl" }, "invalid-attribute", /^backend must be one of canvas, webgl, svg/],
    [{ offscreen: "hide" }, "invalid-attribute", /^offscreen/],
  ];
  for (const [values, code, message] of cases) {
    assert.throws(() => readAttributes({ ...NONE, ...values }, PAGE), failsWith(code as "invalid-attribute", message), JSON.stringify(values));
  }
});
