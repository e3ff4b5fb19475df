// The ODE integrator and the lorenz and ode jobs, against the reference solutions in
// test/reference (copied from the team's shared reference values; paths are relative to the repository root, the tests' working directory).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Solver, type Derivative } from "odex";
import { LivePlotError, type ErrorCode } from "../../src/protocol/errors.js";
import type { FrameData, Job, JobContext } from "../../src/protocol/types.js";
import { createLorenz } from "../../src/worker/jobs/lorenz.js";
import { createOde } from "../../src/worker/jobs/ode.js";
import { OdeIntegrator, type IntegratorOptions, type Trail } from "../../src/worker/numerics/ode-integrator.js";
import { testContext } from "./context.js";
import { countWorkClock } from "./work-clock.js";
import { written } from "./written.js";

countWorkClock();

// ---------------------------------------------------------------------------------------------
// References, systems and helpers
// ---------------------------------------------------------------------------------------------

const reference = <T>(name: string): T => JSON.parse(readFileSync(resolve("test/reference", name), "utf8")) as T;

interface LorenzParameters {
  sigma: number;
  rho: number;
  beta: number;
}
interface State {
  t: number;
  y: number[];
}

const ARENSTORF = reference<{ mu: number; y0: number[]; period: number }>("arenstorf.json");
const LORENZ = reference<LorenzParameters & { y0: number[]; states: Record<string, number[]> }>("lorenz.json");
const SIMPLE = reference<{ exponential: State; vanDerPolHairer: State }>("simple.json");

/** rtol = atol of every integration here, and of the direct solves that check them. */
const TOL = 1e-10;

/** The ode job resolves rhs URLs against this: test/unit/fixtures/ as a file: URL. */
const FIXTURES = pathToFileURL(resolve("test/unit/fixtures")).href + "/";
const CONTEXT: JobContext = testContext({ baseUrl: FIXTURES });

type Rhs = (t: number, y: number[], args: unknown) => number[];
/** The fixture the ode job loads, here called directly: one definition of the Arenstorf system. */
const { default: arenstorfRhs } = (await import(new URL("arenstorf.mjs", FIXTURES).href)) as { default: Rhs };
const arenstorf: Derivative = (t, y) => arenstorfRhs(t, y, { mu: ARENSTORF.mu });

const lorenz =
  ({ sigma, rho, beta }: LorenzParameters = LORENZ): Derivative =>
  (_t, [x, y, z]) => [sigma * (y! - x!), x! * (rho - z!) - y!, x! * y! - beta * z!];

/** Hairer's scaling of Van der Pol: y1' = y2, y2' = ((1 − y1²) y2 − y1) / eps. */
const vanDerPol =
  (eps: number): Derivative =>
  (_t, [y1, y2]) => [y2!, ((1 - y1! * y1!) * y2! - y1!) / eps];

/** Asserts that `actual` and `expected` differ by at most `tolerance` in every component. */
function assertNear(actual: readonly number[], expected: readonly number[], tolerance: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: number of components`);
  const error = Math.max(...actual.map((value, i) => Math.abs(value - expected[i]!)));
  assert.ok(error <= tolerance, `${what}: off by ${error.toExponential(2)} > ${tolerance}; got [${actual.join(", ")}], expected [${expected.join(", ")}]`);
}

/** For assert.throws / assert.rejects: a LivePlotError with `code` and, if given, a message matching `message`. */
function isLivePlotError(code: ErrorCode, message?: RegExp) {
  return (error: unknown): true => {
    assert.ok(error instanceof LivePlotError, `expected a LivePlotError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  };
}

function integrator(f: Derivative, y0: readonly number[], { t0 = 0, ...options }: Partial<IntegratorOptions> & { t0?: number } = {}): OdeIntegrator {
  return new OdeIntegrator(f, t0, y0, { rtol: TOL, atol: TOL, sampleDt: 0.01, capacity: 100, ...options });
}

/** Simulated time per animation frame when advancing "like frames". */
const FRAMES_PER_UNIT = 100;

/**
 * Advances from the integrator's t to `until` in slices of 1/100 simulated time, as frames do.
 * Targets are t + k/100, so that whole-number times are hit exactly.
 */
function advanceInFrames(integ: OdeIntegrator, until: number): void {
  const from = integ.t;
  const frames = Math.round((until - from) * FRAMES_PER_UNIT);
  for (let k = 1; k <= frames; k++) integ.advanceTo(from + k / FRAMES_PER_UNIT);
  assert.equal(integ.t, until, "the frames end at the time asked for");
}

/** A fresh odex solve from (t0, y0) to t without dense output: the independent check of the integrator. */
function directSolve(f: Derivative, t0: number, y0: readonly number[], t: number): number[] {
  const solver = new Solver(y0.length);
  solver.relativeTolerance = TOL;
  solver.absoluteTolerance = TOL;
  solver.maxSteps = 1_000_000;
  return solver.solve(f, t0, [...y0], t).y;
}

/** Components `a` and `b` (−1 for t) of the samples a trail keeps, oldest first. */
function projected(trail: Trail, a: number, b: number): { xs: number[]; ys: number[] } {
  const xs = new Float64Array(trail.capacity);
  const ys = new Float64Array(trail.capacity);
  const count = trail.project(0, a, b, xs, ys);
  return { xs: [...xs.subarray(0, count)], ys: [...ys.subarray(0, count)] };
}

/** The first point of the trail and the head marker of a trajectory frame. */
function ends(frame: FrameData): { first: [number, number]; head: [number, number] } {
  const trail = frame.trail!;
  const head = frame.head!;
  assert.ok(trail.length >= 1, "the trail has at least the initial sample");
  assert.equal(head.length, 1, "one head marker");
  return { first: [trail.columns.x![0]!, trail.columns.y![0]!], head: [head.columns.x![0]!, head.columns.y![0]!] };
}

interface TrajectorySnapshot extends State {
  steps: number;
  evals: number;
}

/** A trajectory job's snapshot, checked to hold exactly t, y, steps and evals. */
function state(job: Job): TrajectorySnapshot {
  const snapshot = job.snapshot();
  assert.deepEqual(Object.keys(snapshot).sort(), ["evals", "steps", "t", "y"], "snapshot keys");
  return snapshot as unknown as TrajectorySnapshot;
}

const lorenzJob = async (params: Record<string, unknown> = {}): Promise<Job> => createLorenz(params, CONTEXT);
const odeJob = async (params: Record<string, unknown>): Promise<Job> => createOde(params, CONTEXT);

// ---------------------------------------------------------------------------------------------
// OdeIntegrator against the references
// ---------------------------------------------------------------------------------------------

test("integrator: the Arenstorf orbit with t1 = one period closes within 1e-7 and ends exactly at t1", () => {
  const integ = integrator(arenstorf, ARENSTORF.y0, { t1: ARENSTORF.period });
  integ.advanceTo(ARENSTORF.period / 2);
  assert.equal(integ.finished, false, "not finished half-way");
  integ.advanceTo(2 * ARENSTORF.period);
  assert.equal(integ.finished, true);
  assert.equal(integ.t, ARENSTORF.period, "t stops at t1 exactly, however far the target");
  assertNear(integ.y.slice(0, 2), ARENSTORF.y0.slice(0, 2), 1e-7, "(y1, y2) after one period");
});

const LORENZ_TIMES = [1, 2, 5, 10];

test("integrator: Lorenz from (1, 1, 1) matches the reference at t = 1, 2, 5, 10 within 1e-6, each in one call", () => {
  for (const t of LORENZ_TIMES) {
    const integ = integrator(lorenz(), LORENZ.y0);
    integ.advanceTo(t);
    assert.equal(integ.t, t);
    assertNear(integ.y, LORENZ.states[t]!, 1e-6, `y(${t})`);
  }
});

test("integrator: Lorenz advanced in frames of 0.01 matches the reference at t = 1, 2, 5, 10 within 1e-6", () => {
  const integ = integrator(lorenz(), LORENZ.y0);
  for (const t of LORENZ_TIMES) {
    advanceInFrames(integ, t);
    assertNear(integ.y, LORENZ.states[t]!, 1e-6, `y(${t})`);
  }
});

test("integrator: y' = y to t = 1 gives e within 1e-9", () => {
  const integ = integrator((_t, y) => y, [1]);
  integ.advanceTo(SIMPLE.exponential.t);
  assertNear(integ.y, SIMPLE.exponential.y, 1e-9, "y(1)");
});

test("integrator: Van der Pol (eps 0.1) from (2, 0) matches the reference at t = 2 within 1e-6", () => {
  const integ = integrator(vanDerPol(0.1), [2, 0]);
  integ.advanceTo(SIMPLE.vanDerPolHairer.t);
  assertNear(integ.y, SIMPLE.vanDerPolHairer.y, 1e-6, "y(2)");
});

// ---------------------------------------------------------------------------------------------
// The trail
// ---------------------------------------------------------------------------------------------

test("integrator: trail samples lie at t0 + k·sampleDt exactly and agree with direct solves within 1e-7 (Lorenz to t = 5)", () => {
  // A sample spacing that is neither a multiple of the frames nor exact in binary, and t0 ≠ 0.
  const t0 = 0.25;
  const sampleDt = 0.03;
  const integ = integrator(lorenz(), LORENZ.y0, { t0, sampleDt, capacity: 1000 });
  advanceInFrames(integ, 5);
  const { xs: times } = projected(integ.trail, -1, -1);
  assert.equal(times.length, Math.floor((5 - t0) / sampleDt) + 1, "one sample per grid time up to t = 5");
  times.forEach((t, k) => {
    assert.equal(t, t0 + k * sampleDt, `time of sample ${k}`);
    const y = [0, 1, 2].map((i) => integ.trail.at(k, i));
    assertNear(y, directSolve(lorenz(), t0, LORENZ.y0, t), 1e-7, `sample ${k} at t = ${t}`);
  });
});

test("integrator: the trail keeps the newest `capacity` samples, oldest first; project(-1, 0) puts t in x", () => {
  const run = (capacity: number): Trail => {
    const integ = integrator(lorenz(), LORENZ.y0, { sampleDt: 0.03, capacity });
    advanceInFrames(integ, 2);
    return integ.trail;
  };
  const all = run(1000);
  const ring = run(8);
  assert.ok(all.count > 2 * ring.capacity, "the small ring wrapped more than once");
  assert.equal(ring.count, 8);
  const newest = (column: number[]) => column.slice(-ring.capacity);
  const kept = projected(ring, -1, 0);
  assert.deepEqual(kept.xs, newest(projected(all, -1, -1).xs), "x column: the newest times, oldest first");
  assert.deepEqual(kept.ys, newest(projected(all, 0, 0).xs), "y column: component 0 of the same samples");
  kept.xs.forEach((t, i) => assert.equal(t, (all.count - ring.capacity + i) * 0.03, `time of kept sample ${i}`));
  assert.deepEqual(projected(ring, 1, 2), { xs: newest(projected(all, 1, 1).xs), ys: newest(projected(all, 2, 2).xs) });
});

// ---------------------------------------------------------------------------------------------
// The solver giving up
// ---------------------------------------------------------------------------------------------

test("integrator: y' = y² from y(0) = 1 past its blow-up at t = 1 fails with solver-failed", () => {
  const integ = integrator((_t, [y]) => [y! * y!], [1]);
  integ.advanceTo(0.5);
  assertNear(integ.y, [2], 1e-8, "y(0.5) = 1 / (1 − 0.5), before the blow-up");
  assert.throws(() => integ.advanceTo(2), isLivePlotError("solver-failed", /step size underflow|no longer finite|stiff/));
});

// ---------------------------------------------------------------------------------------------
// The ode job
// ---------------------------------------------------------------------------------------------

/** y' = −y in two components unless `args.fault` says how to misbehave (test/unit/fixtures/faulty.mjs). */
const FAULTY = { rhs: "faulty.mjs", y0: [1, 2] };

test("ode: invalid params fail with invalid-params, saying what to fix", async () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ ...FAULTY, y0: [] }, /y0 must be a non-empty array of finite numbers/],
    [{ ...FAULTY, y0: "1, 2" }, /y0 must be a non-empty array of finite numbers/],
    [{ ...FAULTY, y0: [1, "2"] }, /y0 must be a non-empty array of finite numbers/],
    [{ ...FAULTY, y0: [1, Number.NaN] }, /y0 must be a non-empty array of finite numbers/],
    [{ ...FAULTY, y0: [1, Number.POSITIVE_INFINITY] }, /y0 must be a non-empty array of finite numbers/],
    [{ ...FAULTY, plot: [0, 2] }, /plot must be two component indices from 0 to 1, or -1 for t/],
    [{ ...FAULTY, plot: [-2, 0] }, /plot must be two component indices/],
    [{ ...FAULTY, plot: [0.5, 1] }, /plot must be two component indices/],
    [{ ...FAULTY, plot: [0] }, /plot must be two component indices/],
    [{ ...FAULTY, speed: 0 }, /speed must be a positive number .* or "max"/],
    [{ ...FAULTY, speed: -1 }, /speed must be a positive number/],
    [{ ...FAULTY, speed: "fast" }, /speed must be a positive number/],
    [{ ...FAULTY, sped: 2 }, /unknown parameter "sped"/],
    [{ y0: [1] }, /rhs must be the URL of a module/],
    ...["5", [3], true, -1, 0].map((t1): [Record<string, unknown>, RegExp] => [{ ...FAULTY, t1 }, /t1 must be a number greater than t0/]),
  ];
  for (const [params, message] of cases) {
    await assert.rejects(odeJob(params), isLivePlotError("invalid-params", message), JSON.stringify(params));
  }
});

test("ode: an rhs module that cannot be loaded or has no default function fails with invalid-module", async () => {
  await assert.rejects(odeJob({ ...FAULTY, rhs: "missing.mjs" }), isLivePlotError("invalid-module", /could not load rhs module file:.*\/missing\.mjs/));
  await assert.rejects(odeJob({ ...FAULTY, rhs: "no-default.mjs" }), isLivePlotError("invalid-module", /no-default\.mjs must export f\(t, y, args\) as its default export/));
});

test("ode: an f that throws, returns the wrong length, NaN or strings fails with rhs-failed when advancing", async () => {
  // Without a fault the fixture integrates fine: y' = −y.
  const healthy = await odeJob(FAULTY);
  healthy.advance(20);
  const { t, y } = state(healthy);
  assert.equal(t, 0.02, "speed 1: 20 ms is 0.02 of simulated time");
  assertNear(y, FAULTY.y0.map((v) => v * Math.exp(-t)), 1e-7, "y(0.02)");

  const cases: [Record<string, unknown>, RegExp][] = [
    [{ fault: "throw", message: "deliberate failure #42" }, /f threw at t = 0: deliberate failure #42/],
    [{ fault: "length" }, /f returned 3 values for a system of 2 \(the length of y0\)/],
    [{ fault: "nan" }, /f returned a non-finite value \(NaN\) in component 0/],
    [{ fault: "string" }, /f returned a string \("-1"\) in component 0, not a number/],
  ];
  for (const [args, message] of cases) {
    const job = await odeJob({ ...FAULTY, args });
    assert.throws(() => job.advance(20), isLivePlotError("rhs-failed", message), JSON.stringify(args));
  }
});

test("ode: with t1 and speed max the run is finished exactly at t1, back at the Arenstorf start within 1e-7", async () => {
  const job = await odeJob({
    rhs: "arenstorf.mjs",
    y0: ARENSTORF.y0,
    t1: ARENSTORF.period,
    rtol: TOL,
    atol: TOL,
    speed: "max",
    args: { mu: ARENSTORF.mu },
  });
  assert.equal(job.finished, false, "not finished at the start");
  let slices = 0;
  for (;;) {
    job.advance(2);
    slices++;
    const { t } = state(job);
    if (job.finished) break;
    assert.ok(t < ARENSTORF.period, `unfinished at t = ${t}, so before t1`);
    assert.ok(slices < 10_000, "the run ends");
  }
  const { t, y } = state(job);
  assert.equal(t, ARENSTORF.period, "t = t1 exactly");
  assertNear(y.slice(0, 2), ARENSTORF.y0.slice(0, 2), 1e-7, "(y1, y2) at t1");
});

// ---------------------------------------------------------------------------------------------
// The lorenz job
// ---------------------------------------------------------------------------------------------

test("lorenz: axes choose the components drawn as x and y (default x, z)", async () => {
  const y0 = [1, 2, 3];
  const cases: { axes: [string, string] | undefined; components: [number, number]; labels: [string, string] }[] = [
    { axes: undefined, components: [0, 2], labels: ["x", "z"] },
    { axes: ["x", "y"], components: [0, 1], labels: ["x", "y"] },
    { axes: ["z", "y"], components: [2, 1], labels: ["z", "y"] },
  ];
  for (const { axes, components: [a, b], labels } of cases) {
    const job = await lorenzJob(axes ? { y0, axes } : { y0 });
    assert.deepEqual([job.scene.xLabel, job.scene.yLabel], labels);
    assert.deepEqual(ends(written(job)).first, [y0[a]!, y0[b]!], `${labels}: the initial sample`);
    job.advance(300);
    const { y } = state(job);
    assert.deepEqual(ends(written(job)).head, [y[a]!, y[b]!], `${labels}: the head after advancing`);
  }
});

test("lorenz: invalid axes fail with invalid-params", async () => {
  for (const axes of [["x", "x"], ["x"], ["x", "y", "z"], ["x", "w"], "xz"]) {
    await assert.rejects(lorenzJob({ axes }), isLivePlotError("invalid-params", /axes must be two different names among x, y, z/), JSON.stringify(axes));
  }
});

test("lorenz: snapshot has t, y, steps and evals; steps and evals grow as it advances", async () => {
  const job = await lorenzJob();
  const initial = state(job);
  assert.deepEqual(initial, { t: 0, y: LORENZ.y0, steps: 0, evals: 0 });
  let before = initial;
  for (const ms of [100, 250]) {
    job.advance(ms);
    const after = state(job);
    assert.ok(after.t > before.t && after.steps > before.steps && after.evals > before.evals, `grows: ${JSON.stringify({ before, after })}`);
    assert.deepEqual(job.counters(), { steps: after.steps, evals: after.evals });
    before = after;
  }
});

test("lorenz: update({sigma: 12}) applies live and the trajectory carries on from where it is", async () => {
  const params = { rtol: TOL, atol: TOL };
  const job = await lorenzJob(params);
  job.advance(500);
  const before = state(job);
  assert.equal(job.update?.({ ...params, sigma: 12 }), true);
  assert.deepEqual(state(job), before, "updating changes neither t nor y");
  job.advance(500);
  const after = state(job);
  // Up to 0.5 (speed 1: 500 ms), less if the 8 ms slice ran out first on a busy machine.
  assert.ok(after.t > before.t && after.t <= before.t + 0.5, `t carries on from ${before.t}: ${after.t}`);
  const sigma12 = lorenz({ ...LORENZ, sigma: 12 });
  assertNear(after.y, directSolve(sigma12, before.t, before.y, after.t), 1e-7, "y continued with sigma 12 from the state at the update");
});

test("ode: update({args}) applies live and the trajectory carries on from where it is with the new args", async () => {
  const params = { rhs: "arenstorf.mjs", y0: ARENSTORF.y0, rtol: TOL, atol: TOL, args: { mu: ARENSTORF.mu } };
  const job = await odeJob(params);
  job.advance(200);
  const before = state(job);
  const mu = 0.1;
  assert.equal(job.update?.({ ...params, args: { mu } }), true);
  assert.deepEqual(state(job), before, "updating changes neither t nor y");
  job.advance(200);
  const after = state(job);
  assert.ok(after.t > before.t, `t carries on from ${before.t}: ${after.t}`);
  assertNear(after.y, directSolve((t, y) => arenstorfRhs(t, y, { mu }), before.t, before.y, after.t), 1e-7, "y continued with the new mu");
  const unchanged = directSolve(arenstorf, before.t, before.y, after.t);
  assert.ok(Math.max(...unchanged.map((v, i) => Math.abs(v - after.y[i]!))) > 1e-4, "the old mu would have given another y");
});

test("lorenz and ode: max-points is how many samples the trail keeps (5000 without it)", async () => {
  const ode = { rhs: "lorenz.mjs", y0: [1, 1, 1], speed: 10 };
  for (const [name, create, params] of [["lorenz", createLorenz, { speed: 10 }], ["ode", createOde, ode]] as const) {
    assert.equal((await create(params, CONTEXT)).scene.sources.trail?.capacity, 5000, `${name}: default`);
    const job = await create(params, testContext({ baseUrl: FIXTURES, maxPoints: 123 }));
    assert.equal(job.scene.sources.trail?.capacity, 123, `${name}: the scene's trail`);
    // Far more samples than that: the first write hands over the newest 123, ending at the head.
    for (let i = 0; i < 20; i++) job.advance(50);
    assert.ok(state(job).t > 123 * 0.01, `${name}: more than 123 samples taken`);
    assert.equal(written(job).trail!.length, 123, `${name}: the trail keeps 123 samples`);
  }
});

test("lorenz: update with a different y0 or axes asks for a restart and changes nothing", async () => {
  const job = await lorenzJob();
  job.advance(100);
  const before = state(job);
  for (const next of [{ y0: [2, 2, 2] }, { axes: ["x", "y"] }, { sigma: 12, axes: ["y", "z"] }]) {
    assert.equal(job.update?.(next), false, JSON.stringify(next));
  }
  job.advance(100);
  const after = state(job);
  assertNear(after.y, directSolve(lorenz(), before.t, before.y, after.t), 1e-6, "still sigma 10 (the default tolerances are 1e-8)");
});

test("ode: a stiff system (Robertson) at speed max ends with solver-failed saying it looks stiff, the count going across slices; Lorenz does not", async () => {
  const stiff = await odeJob({ rhs: "robertson.mjs", y0: [1, 0, 0], speed: "max" });
  let error: unknown;
  // Each advance() is one slice of at most 8 ms: the crawl is counted across them.
  for (let slice = 0; slice < 5000 && !error; slice++) {
    try {
      stiff.advance(20);
    } catch (caught) {
      error = caught;
    }
  }
  assert.ok(error, "the run ended");
  isLivePlotError("solver-failed", /looks stiff.*stiff \(implicit\) solver/)(error);
  const steps = state(stiff);
  assert.ok(steps.t < 1e4, `it stopped early (t = ${steps.t})`);

  // A chaotic but non-stiff system at full speed, for as many slices, is not mistaken for one.
  const lorenzMax = await odeJob({ rhs: "lorenz.mjs", y0: [1, 1, 1], speed: "max" });
  for (let slice = 0; slice < 150; slice++) lorenzMax.advance(20);
  assert.ok(state(lorenzMax).t > 1, "Lorenz runs on");
});
