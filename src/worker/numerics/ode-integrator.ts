import { Outcome, Solver, type Derivative } from "odex";
import { LivePlotError } from "../../protocol/index.js";
import { workClock } from "../engine/work-clock.js";

/** The newest samples of a trajectory, in a ring: a fixed allocation however long the run. */
export class Trail {
  readonly times: Float64Array;
  /** Sample k's components at [k · dim, (k + 1) · dim). */
  readonly values: Float64Array;
  count = 0;
  /** Samples pushed since the start, kept or not. */
  total = 0;
  private head = 0;

  constructor(
    readonly capacity: number,
    readonly dim: number,
  ) {
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity * dim);
  }

  push(t: number, component: (i: number) => number): void {
    this.times[this.head] = t;
    const base = this.head * this.dim;
    for (let i = 0; i < this.dim; i++) this.values[base + i] = component(i);
    this.head = (this.head + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
    this.total++;
  }

  /** Component `i` (−1 for t) of the k-th oldest sample kept. */
  at(k: number, i: number): number {
    const slot = (this.head - this.count + k + this.capacity) % this.capacity;
    return i < 0 ? this.times[slot]! : this.values[slot * this.dim + i]!;
  }

  /**
   * Components `a` and `b` (−1 for t) of the samples from number `from` on (counted since the start;
   * those no longer kept are skipped), oldest first, as many as `xs` holds. Answers how many it wrote.
   */
  project(from: number, a: number, b: number, xs: Float64Array, ys: Float64Array): number {
    const first = Math.max(0, from - (this.total - this.count));
    const n = Math.min(this.count - first, xs.length);
    for (let k = 0; k < n; k++) {
      xs[k] = this.at(first + k, a);
      ys[k] = this.at(first + k, b);
    }
    return n;
  }
}

export interface IntegratorOptions {
  rtol: number;
  atol: number;
  /** Simulated time between trail samples. */
  sampleDt: number;
  capacity: number;
  /** The run ends here, exactly. */
  t1?: number;
}

/**
 * Steps one accepted step may take at most per solve call. A slice of a few milliseconds is far
 * below it; reaching it means the solver is stuck (a stiff or singular system).
 */
const MAX_STEPS_PER_SLICE = 100_000;

/**
 * Signs of a stiff system, which an explicit method like odex crawls through: a step that moves the
 * state by less than CRAWL_CHANGE of its size (largest component), and is short against the time
 * covered (h below CRAWL_STEP · |t|). A non-stiff problem's steps are limited by accuracy, and each
 * moves the state by a good share of its size (Lorenz, pendulums, at 1e-8 to 1e-14); on Robertson's
 * stiff kinetics the steps stay ~1e-3 long, limited by stability, and barely move it. CRAWL_LIMIT such steps in a
 * row, counted across slices, end the run.
 */
const CRAWL_CHANGE = 1e-4;
const CRAWL_STEP = 1e-4;
const CRAWL_LIMIT = 20_000;

/**
 * Continuous integration with odex from the current state, in slices: each call moves on from
 * where the last stopped, never from the start. Dense output fills the trail on a fixed grid
 * t0 + k · sampleDt, so the samples do not depend on how the run was sliced.
 */
export class OdeIntegrator {
  t: number;
  y: number[];
  steps = 0;
  evals = 0;
  finished = false;
  readonly trail: Trail;
  private readonly solver: Solver;
  private sampleIndex = 1;
  /** The last accepted step size: the next slice starts with it instead of guessing again. */
  private lastStep = 0;
  /** Consecutive steps that crawled (see CRAWL_LIMIT), across slices; and the state they started from. */
  private crawl = 0;
  private readonly previous: Float64Array;

  constructor(
    private readonly f: Derivative,
    private readonly t0: number,
    y0: readonly number[],
    private readonly options: IntegratorOptions,
  ) {
    this.t = t0;
    this.y = [...y0];
    this.solver = new Solver(y0.length);
    this.solver.denseOutput = true;
    this.solver.relativeTolerance = options.rtol;
    this.solver.absoluteTolerance = options.atol;
    this.solver.maxSteps = MAX_STEPS_PER_SLICE;
    this.trail = new Trail(options.capacity, y0.length);
    this.previous = Float64Array.from(y0);
    this.trail.push(t0, (i) => this.y[i]!);
  }

  /**
   * Integrate to `target` (never past t1), or until the work clock passes `deadline`,
   * whichever comes first.
   */
  advanceTo(target: number, deadline = Infinity): void {
    // A finished run is at t1, which no target passes.
    const end = Math.min(target, this.t1);
    // Stryker disable next-line EqualityOperator: a solve from t to t itself takes no step and changes nothing
    if (!(end > this.t)) return;
    let failure: LivePlotError | undefined;
    let lastX = this.t;
    let lastY = this.y;
    if (this.lastStep > 0) this.solver.initialStepSize = Math.min(this.lastStep, end - this.t);
    const result = this.solver.solve(this.f, this.t, this.y, end, (_n, xOld, x, y, interpolate) => {
      // The first call, the start point, has no interpolant.
      if (!interpolate) return true;
      const h = x - xOld;
      if (!(h > 4 * Number.EPSILON * Math.max(1, Math.abs(x)))) {
        failure = new LivePlotError("solver-failed", `step size underflow at t = ${x}: the system may be stiff or singular there (odex handles non-stiff systems only)`);
        return false;
      }
      if (!y.every(Number.isFinite)) {
        failure = new LivePlotError("solver-failed", `the solution is no longer finite at t = ${x}`);
        return false;
      }
      if (this.crawled(h, x, y)) {
        failure = new LivePlotError(
          "solver-failed",
          `the solver took ${CRAWL_LIMIT} steps in a row near t = ${x.toPrecision(4)} (step ${h.toPrecision(2)}), each moving the solution by less than ${CRAWL_CHANGE} of its size: the system looks stiff, and odex (an explicit method, for non-stiff systems) would crawl on for ever; solve it with a stiff (implicit) solver, or loosen rtol/atol`,
        );
        return false;
      }
      for (let ts = this.sampleTime(); ts <= x; ts = this.sampleTime()) {
        this.trail.push(ts, (i) => interpolate(i, ts));
        this.sampleIndex++;
      }
      lastX = x;
      lastY = y;
      this.lastStep = h;
      return workClock.now() < deadline;
    });
    this.steps += result.nAccept;
    this.evals += result.nEval;
    if (failure) throw failure;
    if (result.outcome === Outcome.MaxStepsExceeded) {
      throw new LivePlotError("solver-failed", `the solver took ${MAX_STEPS_PER_SLICE} steps near t = ${lastX} without getting far: the system may be stiff; loosen rtol/atol or check f`);
    }
    if (result.outcome === Outcome.Converged) {
      this.t = end;
      this.y = result.y;
    } else {
      this.t = lastX;
      this.y = lastY;
    }
    if (this.t >= this.t1) {
      this.finished = true;
      // The last grid time t0 + k · sampleDt may round to just past t1: the end belongs in the trail.
      if (this.sampleTime() - this.t <= 1e-9 * this.options.sampleDt) {
        this.trail.push(this.t, (i) => this.y[i]!);
        this.sampleIndex++;
      }
    }
  }

  /** Counts a step of size h ending at (x, y) that crawled; true once too many did in a row. */
  private crawled(h: number, x: number, y: ArrayLike<number>): boolean {
    // Against the size of the whole state: a tiny fast component's jitter is not the solution moving.
    let change = 0;
    let size = 0;
    for (let i = 0; i < y.length; i++) {
      change = Math.max(change, Math.abs(y[i]! - this.previous[i]!));
      size = Math.max(size, Math.abs(y[i]!));
      this.previous[i] = y[i]!;
    }
    this.crawl = change < CRAWL_CHANGE * (size + this.options.atol) && h < CRAWL_STEP * Math.max(1, Math.abs(x)) ? this.crawl + 1 : 0;
    return this.crawl > CRAWL_LIMIT;
  }

  /** Where the run ends: t1, or never. */
  private get t1(): number {
    return this.options.t1 ?? Infinity;
  }

  private sampleTime(): number {
    return this.t0 + this.sampleIndex * this.options.sampleDt;
  }
}
