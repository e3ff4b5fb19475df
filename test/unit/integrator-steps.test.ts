// How the ODE integrator steps: slices that reuse the last step size, a singular point found by its
// step size, a fast oscillator that is not mistaken for a stiff system, a component that alone
// stops being finite, t1 reached when its grid time rounds past it, and project's bounds.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Derivative } from "odex";
import { OdeIntegrator, Trail } from "../../src/worker/numerics/ode-integrator.js";
import { countWorkClock } from "./work-clock.js";
import { failsWith } from "./fails-with.js";

countWorkClock();

const lorenz: Derivative = (_t, [x, y, z]) => [10 * (y! - x!), x! * (28 - z!) - y!, x! * y! - (8 / 3) * z!];
const options = { rtol: 1e-8, atol: 1e-8, sampleDt: 0.01, capacity: 10 };

test("a run in slices starts each slice with the last step size: about one extra step per slice, not a fresh guess", () => {
  const whole = new OdeIntegrator(lorenz, 0, [1, 1, 1], options);
  whole.advanceTo(5);
  const sliced = new OdeIntegrator(lorenz, 0, [1, 1, 1], options);
  const slices = 50;
  for (let k = 1; k <= slices; k++) sliced.advanceTo((5 * k) / slices);
  // A slice cut at its end costs a short step or two; starting each from odex's 1e-4 guess costs
  // the climb back to full size as well (about 6 steps a slice for Lorenz).
  assert.ok(sliced.steps <= whole.steps + 2 * slices, `${sliced.steps} steps in ${slices} slices, ${whole.steps} in one`);
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(sliced.y[i]! - whole.y[i]!) < 1e-5, `component ${i}`);
});

test("a singular point (y' = 1/(1 − t)) ends the run with step size underflow just before it", () => {
  const singular = new OdeIntegrator((t) => [1 / (1 - t)], 0, [0], options);
  assert.throws(() => singular.advanceTo(2), failsWith("solver-failed", /^step size underflow at t = 0\.99999999999/));
  assert.ok(singular.t < 1);
});

test("a fast oscillator's many short steps each move the state: it is not taken for a stiff system", () => {
  // ω = 10⁵: steps of ~2·10⁻⁵, far below the crawl step, but each moves y' by far more than 10⁻⁴ of
  // its size. 25 000 such steps in a row is more than the 20 000 crawling steps that end a run.
  const omega = 1e5;
  const oscillator = new OdeIntegrator((_t, [y, v]) => [v!, -omega * omega * y!], 0, [1, 0], { ...options, rtol: 1e-6, atol: 1e-6 });
  for (let k = 1; k <= 50; k++) oscillator.advanceTo(k / 100);
  assert.ok(oscillator.steps > 20_000, `${oscillator.steps} steps`);
  assert.ok(Math.abs(oscillator.y[0]! - Math.cos(omega * 0.5)) < 1e-2, `y(0.5) = ${oscillator.y[0]}, cos(ω·0.5) = ${Math.cos(omega * 0.5)}`);
});

test("one component that stops being finite fails the run, though the others are fine", () => {
  const half = new OdeIntegrator(() => [1e308, 0], 0, [1.5e308, 1], { ...options, rtol: 1e-6, atol: 1e-6 });
  assert.throws(() => half.advanceTo(10), failsWith("solver-failed", /no longer finite at t = /));
});

test("t1 whose grid time rounds past it (3 × 0.1 > 0.3) is still the last sample, once", () => {
  const decay = new OdeIntegrator((_t, [y]) => [-y!], 0, [1], { ...options, sampleDt: 0.1, capacity: 100, t1: 0.3 });
  decay.advanceTo(1);
  assert.equal(decay.finished, true);
  const times = Array.from({ length: decay.trail.count }, (_, k) => decay.trail.at(k, -1));
  assert.deepEqual(times, [0, 0.1, 0.2, 0.3]);
  assert.ok(Math.abs(decay.trail.at(3, 0) - Math.exp(-0.3)) < 1e-7);
});

test("Trail.project writes only the samples it answers: the rest of the arrays is untouched", () => {
  const trail = new Trail(4, 1);
  for (let k = 0; k < 3; k++) trail.push(k, () => 10 * k);
  const [xs, ys] = [new Float64Array(6).fill(-1), new Float64Array(6).fill(-1)];
  assert.equal(trail.project(1, -1, 0, xs, ys), 2);
  assert.deepEqual([...xs], [1, 2, -1, -1, -1, -1]);
  assert.deepEqual([...ys], [10, 20, -1, -1, -1, -1]);
});
