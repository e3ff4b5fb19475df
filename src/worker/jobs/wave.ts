import type { Job, JobFactory, Scene } from "../../protocol/index.js";
import { readNumbers } from "./params.js";

const X_MAX = 4 * Math.PI;

const readWaveParams = (params: Record<string, unknown>) =>
  readNumbers("wave", params, {
    points: { default: 200, min: 2, max: 1_000_000, integer: true },
    frequency: { default: 2, min: 0, max: 1000 },
    speed: { default: 1.5, min: -1000, max: 1000 },
  });

/**
 * The seed notebook's animated sine wave: y = sin(frequency · (x + speed · t)) on x ∈ [0, 4π].
 * `speed` is how far the wave travels along x per second of wall-clock time; a live change of
 * speed changes how fast it travels from where it is. Any number of points costs the page the same:
 * the engine reduces the series to the plot's pixel columns.
 */
export const createWave: JobFactory = (raw) => {
  let current = readWaveParams(raw);
  const points = current.points;
  let t = 0;
  /** speed · t, accumulated so that a live change of speed does not make the wave jump. */
  let phase = 0;
  let frames = 0;
  let steps = 0;

  const scene = {
    sources: { wave: { columns: { x: "f64", y: "f64" }, capacity: points } },
    glyphs: [{ kind: "line", source: "wave", x: "x", y: "y", color: "#1f77b4", width: 2, name: "wave" }],
    xRange: [0, X_MAX],
    yRange: [-1.1, 1.1],
    xLabel: "x",
    yLabel: "sin(f·(x + v·t))",
  } satisfies Scene;

  const job: Job<typeof scene> = {
    scene,
    advance(ms) {
      t += ms / 1000;
      phase += (current.speed * ms) / 1000;
      steps++;
    },
    write(frame) {
      const { x, y } = frame.wave.columns;
      const n = current.points;
      const dx = X_MAX / (n - 1);
      for (let i = 0; i < n; i++) {
        const xi = i * dx;
        x[i] = xi;
        y[i] = Math.sin(current.frequency * (xi + phase));
      }
      frame.wave.length = n;
      frames++;
    },
    snapshot: () => ({ t, frames }),
    counters: () => ({ steps }),
    update(params) {
      const next = readWaveParams(params);
      // More points need bigger buffers: that is a restart.
      if (next.points !== current.points) return false;
      current = next;
      return true;
    },
  };
  return job;
};
