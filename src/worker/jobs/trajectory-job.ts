import type { Derivative } from "odex";
import type { Job, RangeSpec, Scene } from "../../protocol/index.js";
import { OdeIntegrator } from "../numerics/ode-integrator.js";
import { workClock } from "../engine/work-clock.js";

export interface TrajectorySettings {
  f: Derivative;
  t0: number;
  y0: readonly number[];
  t1: number | undefined;
  rtol: number;
  atol: number;
  sampleDt: number;
  capacity: number;
  /** Component indices drawn as x and y (−1 for t). */
  plot: readonly [number, number];
  labels: readonly [string, string];
  ranges: readonly [RangeSpec, RangeSpec];
}

/** Wall-clock milliseconds of integration per advance() at most. */
const MAX_SLICE_MS = 8;

/** Simulated time per wall-clock second, or "max": as far as the slice's time allows. */
export type Speed = number | "max";

/**
 * A job drawing one ODE solution as a trail of its newest samples, with a marker at the head.
 * `speed()` and `update` are read live, so jobs can change them while running.
 */
export function trajectoryJob(settings: TrajectorySettings, speed: () => Speed, update: Job["update"]): Job {
  const integrator = new OdeIntegrator(settings.f, settings.t0, settings.y0, settings);
  const [a, b] = settings.plot;
  const trail = integrator.trail;
  /** Samples handed to the engine so far: each write appends only the newer ones. */
  let written = 0;
  const scene = {
    sources: {
      trail: { columns: { x: "f64", y: "f64" }, capacity: settings.capacity, mode: "append" },
      head: { columns: { x: "f64", y: "f64" }, capacity: 1 },
    },
    glyphs: [
      { kind: "line", source: "trail", x: "x", y: "y", color: "#1f77b4", width: 1.2, name: "trajectory" },
      { kind: "scatter", source: "head", x: "x", y: "y", color: "#d62728", size: 7, name: "now" },
    ],
    xLabel: settings.labels[0],
    yLabel: settings.labels[1],
    xRange: settings.ranges[0],
    yRange: settings.ranges[1],
  } satisfies Scene;
  const job: Job<typeof scene> = {
    scene,
    get finished() {
      return integrator.finished;
    },
    advance(ms) {
      const rate = speed();
      // Never more than a slice of work per call, even when asked for more simulated time than
      // fits in it: the simulation then falls behind real time instead of blocking the worker.
      const deadline = workClock.now() + Math.min(ms, MAX_SLICE_MS);
      integrator.advanceTo(rate === "max" ? (settings.t1 ?? Number.MAX_VALUE) : integrator.t + (rate * ms) / 1000, deadline);
    },
    write(frame) {
      const line = frame.trail;
      written = Math.max(written, trail.total - trail.count);
      line.length = trail.project(written, a, b, line.columns.x, line.columns.y);
      written += line.length;
      const head = frame.head;
      head.columns.x[0] = a < 0 ? integrator.t : integrator.y[a]!;
      head.columns.y[0] = b < 0 ? integrator.t : integrator.y[b]!;
      head.length = 1;
    },
    snapshot: () => ({ t: integrator.t, y: [...integrator.y], steps: integrator.steps, evals: integrator.evals }),
    counters: () => ({ steps: integrator.steps, evals: integrator.evals }),
    update,
  };
  return job;
}
