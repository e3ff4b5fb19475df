import { LivePlotError, type Job, type JobFactory, type Scene } from "../../protocol/index.js";
import { FRAME_MS } from "../engine/frame-time.js";
import { changesOnly, readNumbers } from "./params.js";
import { checkXY, loadXYCsv, type XY } from "./xy-data.js";
import { workClock } from "../engine/work-clock.js";

/** Recent fitted lines drawn faintly behind the current one. */
const TRAIL_LINES = 16;
/** Loss samples kept; when full, every other one goes and the stride doubles (the whole run stays in view). */
const LOSS_CAPACITY = 1024;
/** Consecutive iterations of growing loss that mean divergence rather than noise. */
const GROWTH_LIMIT = 5;
/**
 * Wall-clock milliseconds one advance() may spend iterating: on millions of points one iteration
 * takes milliseconds, and the worker must keep answering credits and neighbours.
 */
const BUDGET_MS = 8;

const readRegressionNumbers = (params: Record<string, unknown>) =>
  readNumbers(
    "regression",
    params,
    {
      learningRate: { default: 0.05, min: 1e-12, max: 1e6 },
      maxIterations: { default: 100_000, min: 1, max: 1e9, integer: true },
      tolerance: { default: 1e-9, min: 0, max: 1 },
      iterationsPerFrame: { default: 2, min: 1e-3, max: 1e6 },
    },
    ["x", "y", "csv", "standardize"],
  );

function readStandardize(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value !== "boolean") throw new LivePlotError("invalid-params", `regression: standardize must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

async function readData(params: Record<string, unknown>, baseUrl: string): Promise<XY> {
  if (params.csv === undefined) return checkXY("regression", params.x, params.y);
  if (typeof params.csv !== "string" || params.x !== undefined || params.y !== undefined) {
    throw new LivePlotError("invalid-params", 'regression: give either "csv" (the URL of a two-column file) or "x" and "y", not both');
  }
  const { x, y } = await loadXYCsv(new URL(params.csv, baseUrl).href);
  return checkXY("regression", x, y);
}

const mean = (values: Float64Array) => values.reduce((sum, v) => sum + v, 0) / values.length;
const spread = (values: Float64Array, m: number) => Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / values.length);

/**
 * Gradient-descent line fit of y ≈ slope · x + intercept, minimising J = (1/2n) Σ r², one
 * iteration at a time so the line visibly sweeps in. With `standardize`, it iterates on
 * u = (x − x̄)/σx and v = (y − ȳ)/σy, where one learning rate suits any data scale, and reports
 * slope, intercept and loss in the data's own units. It stops when the gradient's norm (in the
 * space it iterates in) falls below `tolerance`: an absolute loss change stops far too early.
 */
export const createRegression: JobFactory = async (params, context) => {
  let settings = readRegressionNumbers(params);
  const standardize = readStandardize(params.standardize);
  const data = await readData(params, context.baseUrl);
  const n = data.x.length;
  const mx = mean(data.x);
  const my = mean(data.y);
  const sx = standardize ? spread(data.x, mx) : 1;
  const sy = standardize ? spread(data.y, my) || 1 : 1;
  const ox = standardize ? mx : 0;
  const oy = standardize ? my : 0;
  const u = data.x.map((x) => (x - ox) / sx);
  const v = data.y.map((y) => (y - oy) / sy);

  // The closed-form least-squares line, drawn as the target.
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    // Stryker disable next-line ArithmeticOperator: Σ(x − x̄) = Σ(y − ȳ) = 0, so either centring alone gives the same sum; both keep it accurate
    sxy += (data.x[i]! - mx) * (data.y[i]! - my);
    sxx += (data.x[i]! - mx) ** 2;
  }
  const olsSlope = sxy / sxx;
  const olsIntercept = my - olsSlope * mx;
  let olsSse = 0;
  for (let i = 0; i < n; i++) olsSse += (olsSlope * data.x[i]! + olsIntercept - data.y[i]!) ** 2;
  const olsLoss = olsSse / (2 * n);
  // Numbers whose squares overflow (around 1e155 and beyond) make every statistic Infinity or NaN,
  // and a "fit" of NaN: refuse them, saying what to do.
  if (![mx, my, sx, sy, olsSlope, olsIntercept, olsLoss].every(Number.isFinite)) {
    const largest = Math.max(...[data.x, data.y].map((values) => values.reduce((m, value) => Math.max(m, Math.abs(value)), 0)));
    throw new LivePlotError(
      "invalid-data",
      `regression: the data is too large for double precision (values up to ${largest.toPrecision(3)}: their squares overflow); divide x and y by a power of ten and fit again`,
    );
  }

  // Fit-space parameters and state.
  let w = 0;
  let b = 0;
  let iteration = 0;
  let loss = lossAt(0, 0);
  let converged = false;
  let stopped = false;
  let growth = 0;
  let pending = 0;
  /** Data points handed to the engine so far: the data is sent once, in chunks. */
  let sent = 0;
  const trail = new Float64Array(TRAIL_LINES * 2);
  let trailCount = 0;
  const lossIterations = new Float64Array(LOSS_CAPACITY);
  const lossValues = new Float64Array(LOSS_CAPACITY);
  const gapValues = new Float64Array(LOSS_CAPACITY);
  let lossCount = 0;
  let lossStride = 1;

  function lossAt(wi: number, bi: number): number {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (wi * u[i]! + bi - v[i]!) ** 2;
    return sum / (2 * n);
  }

  const slope = () => (w * sy) / sx;
  const intercept = () => oy + sy * b - slope() * ox;
  /** The loss in the data's units. */
  const dataLoss = () => loss * sy * sy;

  function recordLoss(): void {
    if (iteration % lossStride !== 0) return;
    if (lossCount === LOSS_CAPACITY) {
      for (let k = 0; k < LOSS_CAPACITY / 2; k++) {
        lossIterations[k] = lossIterations[2 * k]!;
        lossValues[k] = lossValues[2 * k]!;
        gapValues[k] = gapValues[2 * k]!;
      }
      lossCount = LOSS_CAPACITY / 2;
      lossStride *= 2;
      if (iteration % lossStride !== 0) return;
    }
    lossIterations[lossCount] = iteration;
    lossValues[lossCount] = dataLoss();
    gapValues[lossCount++] = dataLoss() - olsLoss;
  }

  function iterate(): void {
    let gw = 0;
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const r = w * u[i]! + b - v[i]!;
      gw += r * u[i]!;
      gb += r;
    }
    gw /= n;
    gb /= n;
    if (Math.hypot(gw, gb) <= settings.tolerance) {
      converged = stopped = true;
      return;
    }
    w -= settings.learningRate * gw;
    b -= settings.learningRate * gb;
    iteration++;
    const next = lossAt(w, b);
    growth = next > loss * (1 + 1e-12) ? growth + 1 : 0;
    loss = next;
    if (!Number.isFinite(loss) || growth >= GROWTH_LIMIT) {
      throw new LivePlotError(
        "diverged",
        `regression diverged at iteration ${iteration} (loss ${dataLoss().toPrecision(3)} and growing): use a smaller learningRate than ${settings.learningRate}${standardize ? "" : ', or set "standardize": true'}`,
      );
    }
    trail[(iteration % TRAIL_LINES) * 2] = slope();
    trail[(iteration % TRAIL_LINES) * 2 + 1] = intercept();
    trailCount = Math.min(trailCount + 1, TRAIL_LINES);
    recordLoss();
    if (iteration >= settings.maxIterations) stopped = true;
  }

  // Lines span the data's x extent with a margin.
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let i = 0; i < n; i++) {
    xMin = Math.min(xMin, data.x[i]!);
    xMax = Math.max(xMax, data.x[i]!);
    yMin = Math.min(yMin, data.y[i]!);
    yMax = Math.max(yMax, data.y[i]!);
  }
  const xPad = (xMax - xMin) * 0.08;
  const yPad = (yMax - yMin) * 0.12 || 1;
  const x0 = xMin - xPad;
  const x1 = xMax + xPad;

  function writeLine(xs: Float64Array, ys: Float64Array, at: number, m: number, c: number): void {
    xs[at] = x0;
    ys[at] = m * x0 + c;
    xs[at + 1] = x1;
    ys[at + 1] = m * x1 + c;
  }

  recordLoss();
  const xyColumns = { x: "f64", y: "f64" } as const;
  const scene = {
    sources: {
      data: { columns: xyColumns, capacity: n, mode: "append" },
      fit: { columns: xyColumns, capacity: 2 },
      target: { columns: xyColumns, capacity: 2 },
      // Each recent line is two points and a NaN, which breaks the line between them.
      trail: { columns: xyColumns, capacity: TRAIL_LINES * 3 },
      loss: { columns: { iteration: "f64", loss: "f64", gap: "f64" }, capacity: LOSS_CAPACITY },
    },
    glyphs: [
      { kind: "line", source: "trail", x: "x", y: "y", color: "#ff7f0e", alpha: 0.18, width: 1, name: "recent fits" },
      { kind: "line", source: "target", x: "x", y: "y", color: "#555b66", width: 1.5, dash: "dashed", name: "least squares" },
      { kind: "line", source: "fit", x: "x", y: "y", color: "#ff7f0e", width: 3, name: "fit" },
      { kind: "scatter", source: "data", x: "x", y: "y", color: "#1f77b4", size: 9, name: "data" },
    ],
    xLabel: "x",
    yLabel: "y",
    xRange: [x0, x1],
    yRange: [yMin - yPad, yMax + yPad],
    panels: [
      {
        // The loss levels off at the least-squares loss; its gap to it shows the convergence rate.
        glyphs: [
          { kind: "line", source: "loss", x: "iteration", y: "loss", color: "#2ca02c", width: 2, name: "loss" },
          { kind: "line", source: "loss", x: "iteration", y: "gap", color: "#9467bd", width: 1.5, dash: "dotted", name: "gap to least squares" },
        ],
        xLabel: "iteration",
        yLabel: "loss, gap to least squares",
        yScale: "log",
      },
    ],
  } satisfies Scene;
  const job: Job<typeof scene> = {
    scene,
    get finished() {
      return stopped;
    },
    advance(ms) {
      // Iterations owed, capped: data too big to keep up runs slower rather than piling up debt.
      pending = Math.min(pending + (settings.iterationsPerFrame * ms) / FRAME_MS, Math.max(1, settings.iterationsPerFrame));
      const deadline = workClock.now() + BUDGET_MS;
      while (pending >= 1 && !stopped) {
        pending--;
        iterate();
        if (workClock.now() > deadline) break;
      }
    },
    write(frame) {
      const points = frame.data;
      const chunk = Math.min(n - sent, points.columns.x.length);
      points.columns.x.set(data.x.subarray(sent, sent + chunk));
      points.columns.y.set(data.y.subarray(sent, sent + chunk));
      points.length = chunk;
      sent += chunk;
      const fit = frame.fit;
      writeLine(fit.columns.x, fit.columns.y, 0, slope(), intercept());
      fit.length = 2;
      const target = frame.target;
      writeLine(target.columns.x, target.columns.y, 0, olsSlope, olsIntercept);
      target.length = 2;
      const lines = frame.trail;
      const { x: tx, y: ty } = lines.columns;
      // Stryker disable next-line EqualityOperator: a line past trailCount lies beyond the length the page reads
      for (let k = 0; k < trailCount; k++) {
        const slot = ((iteration - k) % TRAIL_LINES + TRAIL_LINES) % TRAIL_LINES;
        writeLine(tx, ty, k * 3, trail[slot * 2]!, trail[slot * 2 + 1]!);
        tx[k * 3 + 2] = NaN;
        ty[k * 3 + 2] = NaN;
      }
      lines.length = trailCount * 3;
      const history = frame.loss;
      history.columns.iteration.set(lossIterations.subarray(0, lossCount));
      history.columns.loss.set(lossValues.subarray(0, lossCount));
      history.columns.gap.set(gapValues.subarray(0, lossCount));
      history.length = lossCount;
    },
    snapshot: () => ({ slope: slope(), intercept: intercept(), loss: dataLoss(), iteration, converged }),
    counters: () => ({ steps: iteration }),
    update(next) {
      const numbers = readRegressionNumbers(next);
      if (!changesOnly(params, next, ["learningRate", "iterationsPerFrame", "maxIterations", "tolerance"])) return false;
      settings = numbers;
      growth = 0;
      return true;
    },
  };
  return job;
};
