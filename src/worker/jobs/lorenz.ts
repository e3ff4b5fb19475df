import { LivePlotError, type JobFactory, type RangeSpec } from "../../protocol/index.js";
import { changesOnly, readNumbers, readVector } from "./params.js";
import { trajectoryJob } from "./trajectory-job.js";

const AXES = ["x", "y", "z"] as const;
type Axis = (typeof AXES)[number];
/** Where the attractor lives (σ = 10, ρ = 28, β = 8/3), so the view does not jump as it fills in. */
const AXIS_RANGES: Record<Axis, RangeSpec> = { x: [-25, 25], y: [-30, 30], z: [0, 55] };
const DEFAULT_CAPACITY = 5000;

const readLorenzNumbers = (params: Record<string, unknown>) =>
  readNumbers(
    "lorenz",
    params,
    {
      sigma: { default: 10, min: -1e6, max: 1e6 },
      rho: { default: 28, min: -1e6, max: 1e6 },
      beta: { default: 8 / 3, min: -1e6, max: 1e6 },
      rtol: { default: 1e-8, min: 1e-14, max: 1e-2 },
      atol: { default: 1e-8, min: 1e-16, max: 1 },
      speed: { default: 1, min: 1e-6, max: 1e4 },
      sampleDt: { default: 0.005, min: 1e-6, max: 10 },
    },
    ["y0", "axes"],
  );

function readAxes(value: unknown): [Axis, Axis] {
  if (value === undefined) return ["x", "z"];
  if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => AXES.includes(v)) || value[0] === value[1]) {
    throw new LivePlotError("invalid-params", `lorenz: axes must be two different names among x, y, z, such as ["x","z"]; got ${JSON.stringify(value)}`);
  }
  return value as [Axis, Axis];
}

/** Parameters applied while running; any other change needs a new integrator or scene. */
const LIVE = ["sigma", "rho", "beta", "speed"];

/**
 * The Lorenz attractor, integrated continuously by odex from its current state. σ, ρ, β and speed
 * change live: the trajectory carries on from where it is with the new values.
 */
export const createLorenz: JobFactory = (params, context) => {
  let current = readLorenzNumbers(params);
  const y0 = params.y0 === undefined ? [1, 1, 1] : readVector("lorenz", "y0", params.y0, 3);
  const axes = readAxes(params.axes);
  return trajectoryJob(
    {
      // Reads `current` at every evaluation, so live changes of σ, ρ, β apply from the next step.
      f: (_t, [x, y, z]) => [current.sigma * (y! - x!), x! * (current.rho - z!) - y!, x! * y! - current.beta * z!],
      t0: 0,
      y0,
      t1: undefined,
      rtol: current.rtol,
      atol: current.atol,
      sampleDt: current.sampleDt,
      capacity: context.maxPoints ?? DEFAULT_CAPACITY,
      plot: [AXES.indexOf(axes[0]), AXES.indexOf(axes[1])],
      labels: axes,
      ranges: [AXIS_RANGES[axes[0]], AXIS_RANGES[axes[1]]],
    },
    () => current.speed,
    (next) => {
      const numbers = readLorenzNumbers(next);
      if (!changesOnly(params, next, LIVE)) return false;
      current = numbers;
      return true;
    },
  );
};
