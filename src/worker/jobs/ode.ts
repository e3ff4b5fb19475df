import type { Derivative } from "odex";
import { LivePlotError, errorMessage, type JobFactory } from "../../protocol/index.js";
import { changesOnly, readNumbers, readVector } from "./params.js";
import { loadModuleFunction } from "./load-module.js";
import { trajectoryJob, type Speed } from "./trajectory-job.js";

const DEFAULT_CAPACITY = 5000;

/** The user's right-hand side: `f(t, y, args) -> dy/dt`. */
type Rhs = (t: number, y: number[], args: unknown) => unknown;

const readOdeNumbers = (params: Record<string, unknown>) =>
  readNumbers(
    "ode",
    params,
    {
      t0: { default: 0, min: -1e300, max: 1e300 },
      rtol: { default: 1e-8, min: 1e-14, max: 1e-2 },
      atol: { default: 1e-8, min: 1e-16, max: 1 },
    },
    ["rhs", "y0", "t1", "speed", "plot", "args", "sampleDt"],
  );

function readSpeed(value: unknown): Speed {
  if (value === undefined) return 1;
  if (value === "max" || (typeof value === "number" && value > 0 && Number.isFinite(value))) return value;
  throw new LivePlotError("invalid-params", `ode: speed must be a positive number (simulated time per second) or "max", got ${JSON.stringify(value)}`);
}

function readPositive(name: string, value: unknown): number {
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
    throw new LivePlotError("invalid-params", `ode: ${name} must be a positive number, got ${JSON.stringify(value)}`);
  }
  return value;
}

function readT1(value: unknown, t0: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || !(value > t0)) {
    throw new LivePlotError("invalid-params", `ode: t1 must be a number greater than t0 (${t0}), got ${JSON.stringify(value)}`);
  }
  return value;
}

function readPlot(value: unknown, dim: number): [number, number] {
  if (value === undefined) return dim === 1 ? [-1, 0] : [0, 1];
  const ok = (i: unknown) => Number.isInteger(i) && (i as number) >= -1 && (i as number) < dim;
  if (!Array.isArray(value) || value.length !== 2 || !value.every(ok)) {
    throw new LivePlotError("invalid-params", `ode: plot must be two component indices from 0 to ${dim - 1}, or -1 for t; got ${JSON.stringify(value)}`);
  }
  return value as [number, number];
}

async function loadRhs(rhs: unknown, baseUrl: string): Promise<Rhs> {
  if (typeof rhs !== "string" || rhs.trim() === "") {
    throw new LivePlotError("invalid-params", "ode: rhs must be the URL of a module whose default export is f(t, y, args) returning dy/dt");
  }
  return (await loadModuleFunction(new URL(rhs, baseUrl).href, { prefix: "ode: ", what: "rhs module", expects: "f(t, y, args)" })) as Rhs;
}

/** Calls the user's f, insisting on an array of `dim` finite numbers: odex would otherwise go on with NaN. */
function checkedRhs(f: Rhs, dim: number, args: () => unknown): Derivative {
  return (t, y) => {
    let dy: unknown;
    try {
      dy = f(t, y, args());
    } catch (error) {
      throw new LivePlotError("rhs-failed", `ode: f threw at t = ${t}: ${errorMessage(error)}`);
    }
    if (!Array.isArray(dy) && !ArrayBuffer.isView(dy)) {
      throw new LivePlotError("rhs-failed", `ode: f must return an array (dy/dt), got ${typeof dy} at t = ${t}`);
    }
    const values = dy as ArrayLike<unknown>;
    if (values.length !== dim) {
      throw new LivePlotError("rhs-failed", `ode: f returned ${values.length} values for a system of ${dim} (the length of y0) at t = ${t}`);
    }
    for (let i = 0; i < dim; i++) {
      const value = values[i];
      if (typeof value !== "number") {
        const kind = typeof value;
        const shown = value === null || value === undefined ? String(value) : `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind} (${JSON.stringify(value) ?? String(value)})`;
        throw new LivePlotError("rhs-failed", `ode: f returned ${shown} in component ${i}, not a number, at t = ${t}`);
      }
      if (!Number.isFinite(value)) {
        throw new LivePlotError("rhs-failed", `ode: f returned a non-finite value (${value}) in component ${i} at t = ${t}, y = [${y.join(", ")}]`);
      }
    }
    return values as number[];
  };
}

/**
 * Any non-stiff system from a user module, integrated continuously. `t1` ends the run exactly there;
 * `speed` and `args` change live.
 */
export const createOde: JobFactory = async (params, context) => {
  const numbers = readOdeNumbers(params);
  const y0 = readVector("ode", "y0", params.y0);
  const t1 = readT1(params.t1, numbers.t0);
  let speed = readSpeed(params.speed);
  let args = params.args;
  const plot = readPlot(params.plot, y0.length);
  const capacity = context.maxPoints ?? DEFAULT_CAPACITY;
  // With an end, spread the trail over the whole run; without one, a fine fixed spacing.
  const sampleDt = params.sampleDt === undefined ? (t1 === undefined ? 0.01 : (t1 - numbers.t0) / (capacity - 1)) : readPositive("sampleDt", params.sampleDt);
  const f = checkedRhs(await loadRhs(params.rhs, context.baseUrl), y0.length, () => args);
  const label = (i: number) => (i < 0 ? "t" : `y[${i}]`);
  return trajectoryJob(
    { f, y0, t1, ...numbers, sampleDt, capacity, plot, labels: [label(plot[0]), label(plot[1])], ranges: ["auto", "auto"] },
    () => speed,
    (next) => {
      if (!changesOnly(params, next, ["speed", "args"])) return false;
      speed = readSpeed(next.speed);
      args = next.args;
      return true;
    },
  );
};
