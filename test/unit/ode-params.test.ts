// The ode job's own parameters: what is accepted and what it means (plot, labels, sample spacing,
// t1), what is refused with which message, and what an rhs may return.
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createOde } from "../../src/worker/jobs/ode.js";
import { testContext } from "./context.js";
import { failsWith } from "./fails-with.js";
import { countWorkClock } from "./work-clock.js";
import { written } from "./written.js";

countWorkClock();

const FIXTURES = pathToFileURL(resolve("test/unit/fixtures")).href + "/";
const odeJob = async (params: Record<string, unknown>, maxPoints?: number) => createOde({ rhs: "faulty.mjs", y0: [1, 2], ...params }, testContext({ baseUrl: FIXTURES, maxPoints }));

test("ode: plot chooses the components drawn (-1 for t) and names the axes; by default y[0] against y[1], or t against y[0]", async () => {
  const axes = async (params: Record<string, unknown>) => {
    const { scene } = await odeJob(params);
    return [scene.xLabel, scene.yLabel];
  };
  assert.deepEqual(await axes({}), ["y[0]", "y[1]"]);
  assert.deepEqual(await axes({ y0: [1] }), ["t", "y[0]"]);
  assert.deepEqual(await axes({ plot: [1, 0] }), ["y[1]", "y[0]"]);
  assert.deepEqual(await axes({ plot: [-1, 1] }), ["t", "y[1]"]);
  // What is drawn follows: t against y[1] after 0.05 of time at 0.01 per sample.
  const job = await odeJob({ plot: [-1, 1], sampleDt: 0.01 });
  job.advance(50);
  const { trail } = written(job);
  const ts = [...trail!.columns.x!.subarray(0, trail!.length)];
  assert.deepEqual(ts.map((t) => Math.round(t * 100)), [0, 1, 2, 3, 4, 5]);
  assert.ok(Math.abs(trail!.columns.y![5]! - 2 * Math.exp(-0.05)) < 1e-7, "y[1] = 2·e^(−t)");
});

test("ode: samples every 0.01 by default; with t1, spread over the run to fill max-points", async () => {
  const times = async (params: Record<string, unknown>, maxPoints?: number) => {
    const job = await odeJob({ plot: [-1, 0], ...params }, maxPoints);
    for (let i = 0; i < 100 && !job.finished; i++) job.advance(100);
    const { trail } = written(job);
    return [...trail!.columns.x!.subarray(0, trail!.length)];
  };
  const open = await times({ speed: 0.2 });
  assert.ok(Math.abs(open[1]! - 0.01) < 1e-12 && Math.abs(open[2]! - 0.02) < 1e-12, `${open.slice(0, 3)}`);
  const ended = await times({ t1: 2, speed: "max" }, 11);
  assert.deepEqual(ended.map((t) => Math.round(t * 10) / 10), [0, 0.2, 0.4, 0.6, 0.8, 1, 1.2, 1.4, 1.6, 1.8, 2], "11 samples from 0 to t1 = 2");
});

test("ode: each bad parameter is invalid-params with its own message", async () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ sampleDt: 0 }, /^ode: sampleDt must be a positive number, got 0$/],
    [{ sampleDt: -0.1 }, /^ode: sampleDt must be a positive number, got -0.1$/],
    [{ sampleDt: "0.1" }, /^ode: sampleDt must be a positive number, got "0.1"$/],
    [{ sampleDt: Infinity }, /^ode: sampleDt must be a positive number, got null$/],
    [{ speed: Infinity }, /^ode: speed must be a positive number \(simulated time per second\) or "max", got null$/],
    [{ t1: 1, t0: 1 }, /^ode: t1 must be a number greater than t0 \(1\), got 1$/],
    [{ t1: Infinity }, /^ode: t1 must be a number greater than t0 \(0\), got null$/],
    [{ plot: [0, 1, 1] }, /^ode: plot must be two component indices from 0 to 1, or -1 for t; got \[0,1,1\]$/],
    [{ plot: "0,1" }, /^ode: plot must be two component indices/],
    [{ rhs: "" }, /^ode: rhs must be the URL of a module whose default export is f\(t, y, args\) returning dy\/dt$/],
    [{ rhs: "   " }, /^ode: rhs must be the URL/],
    [{ rhs: 42 }, /^ode: rhs must be the URL/],
    [{ rtol: 1 }, /^ode: rtol must be a number >= 1e-14 <= 0.01, got 1$/],
  ];
  for (const [params, message] of cases) await assert.rejects(odeJob(params), failsWith("invalid-params", message), JSON.stringify(params));
  assert.equal((await odeJob({ speed: "max" })).finished, false, '"max" is a speed');
  assert.equal((await odeJob({ speed: 1e-6, sampleDt: 1e-6 })).finished, false, "small positive values are fine");
});

test("ode: what f returns must be an array (or typed array) of numbers; anything else is rhs-failed saying what it was", async () => {
  const module = (body: string) => `data:text/javascript,${encodeURIComponent(`export default (t, y) => ${body};`)}`;
  const cases: [string, RegExp][] = [
    ["5", /^ode: f must return an array \(dy\/dt\), got number at t = 0$/],
    ["undefined", /^ode: f must return an array \(dy\/dt\), got undefined at t = 0$/],
    ["[null, 1]", /^ode: f returned null in component 0, not a number, at t = 0$/],
    ["[1, {a: 1}]", /^ode: f returned an object \(\{"a":1\}\) in component 1, not a number, at t = 0$/],
    ["[1, undefined]", /^ode: f returned undefined in component 1, not a number, at t = 0$/],
    ["[1, Infinity]", /^ode: f returned a non-finite value \(Infinity\) in component 1 at t = 0, y = \[1, 2\]$/],
  ];
  for (const [body, message] of cases) {
    const job = await createOde({ rhs: module(body), y0: [1, 2] }, testContext());
    assert.throws(() => job.advance(20), failsWith("rhs-failed", message), body);
  }
  const typed = await createOde({ rhs: module("Float64Array.of(-y[0], -y[1])"), y0: [1, 2] }, testContext());
  typed.advance(20);
  assert.ok((typed.snapshot().t as number) > 0, "a Float64Array is fine");
});
