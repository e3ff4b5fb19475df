// The ODE integrator's edges: the trail ring's windows, targets in the past, a finished run, the
// last sample at t1, and a solution that stops being finite.
import { test } from "node:test";
import assert from "node:assert/strict";
import { LivePlotError } from "../../src/protocol/errors.js";
import { OdeIntegrator, Trail } from "../../src/worker/numerics/ode-integrator.js";
import { countWorkClock } from "./work-clock.js";

countWorkClock();

test("Trail.project: from sample `from` on (those no longer kept skipped), oldest first, as many as fit", () => {
  const trail = new Trail(4, 2);
  for (let k = 0; k < 6; k++) trail.push(k, (i) => 10 * k + i);
  assert.deepEqual([trail.count, trail.total], [4, 6]);
  const project = (from: number, room: number, a = -1, b = 1) => {
    const [xs, ys] = [new Float64Array(room), new Float64Array(room)];
    const n = trail.project(from, a, b, xs, ys);
    return [[...xs.subarray(0, n)], [...ys.subarray(0, n)]];
  };
  assert.deepEqual(project(0, 10), [[2, 3, 4, 5], [21, 31, 41, 51]], "samples 0 and 1 are gone: 2 to 5 kept");
  assert.deepEqual(project(4, 10), [[4, 5], [41, 51]]);
  assert.deepEqual(project(6, 10), [[], []], "nothing new");
  assert.deepEqual(project(0, 3), [[2, 3, 4], [21, 31, 41]], "as many as the arrays hold");
  assert.deepEqual(project(3, 10, 0, 1), [[30, 40, 50], [31, 41, 51]], "components 0 and 1");
  assert.deepEqual([trail.at(0, -1), trail.at(3, 0)], [2, 50]);
});

test("advanceTo: a target at or before t does nothing; a finished run does nothing; t1 is the last sample when on the grid", () => {
  const decay = new OdeIntegrator((_t, [y]) => [-y!], 0, [1], { rtol: 1e-10, atol: 1e-10, sampleDt: 0.25, capacity: 100, t1: 1 });
  decay.advanceTo(0);
  decay.advanceTo(-1);
  assert.deepEqual([decay.t, decay.steps, decay.trail.count], [0, 0, 1], "nothing done for targets not ahead");
  decay.advanceTo(0.5);
  const [t, steps] = [decay.t, decay.steps];
  decay.advanceTo(0.5);
  assert.deepEqual([decay.t, decay.steps], [t, steps]);
  decay.advanceTo(5);
  assert.equal(decay.finished, true);
  assert.equal(decay.t, 1, "ends at t1 exactly");
  const times = Array.from({ length: decay.trail.count }, (_, k) => decay.trail.at(k, -1));
  assert.deepEqual(times, [0, 0.25, 0.5, 0.75, 1], "t1 on the sample grid is the last sample, once");
  const evals = decay.evals;
  decay.advanceTo(10);
  assert.deepEqual([decay.t, decay.evals], [1, evals], "a finished run does not go on");
  // t1 off the grid: the last sample is the grid time before it.
  const off = new OdeIntegrator((_t, [y]) => [-y!], 0, [1], { rtol: 1e-10, atol: 1e-10, sampleDt: 0.25, capacity: 100, t1: 0.9 });
  off.advanceTo(5);
  assert.deepEqual(Array.from({ length: off.trail.count }, (_, k) => off.trail.at(k, -1)), [0, 0.25, 0.5, 0.75]);
});

test("a solution that stops being finite is solver-failed, saying where", () => {
  const overflow = new OdeIntegrator(() => [1e308], 0, [1.5e308], { rtol: 1e-6, atol: 1e-6, sampleDt: 0.1, capacity: 10 });
  assert.throws(
    () => overflow.advanceTo(10),
    (error: unknown) => error instanceof LivePlotError && error.code === "solver-failed" && /no longer finite at t = /.test(error.message),
  );
});
