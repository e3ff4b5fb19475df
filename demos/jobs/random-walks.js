// A job module of your own: an ensemble of random walks, drawn as they go, with the ±2√t envelope
// they should mostly stay inside. Load it with <live-plot job="jobs/random-walks.js">.
// It implements the same contract as the built-in jobs (import type { JobFactory } from "live-plot").

/** @type {import("live-plot").JobFactory} */
export default function randomWalks(params) {
  const walkers = integer(params, "walkers", 12, 1, 200);
  const length = integer(params, "length", 600, 2, 100_000);
  let rate = integer(params, "rate", 120, 1, 1_000_000);
  const paths = new Float64Array(walkers * length); // ring of the newest `length` positions per walker
  const position = new Float64Array(walkers);
  let steps = 0;
  let pending = 0;

  return {
    scene: {
      sources: {
        paths: { columns: { t: "f64", y: "f64" }, capacity: walkers * (length + 1) },
        envelope: { columns: { t: "f64", y: "f64" }, capacity: 2 * (length + 1) },
      },
      glyphs: [
        { kind: "line", source: "envelope", x: "t", y: "y", color: "#888", dash: "dashed" },
        { kind: "line", source: "paths", x: "t", y: "y", alpha: 0.7 },
      ],
      xLabel: "step",
      yLabel: "position",
      yRange: "auto",
    },
    advance(ms) {
      for (pending += (rate * ms) / 1000; pending >= 1; pending--, steps++) {
        for (let w = 0; w < walkers; w++) {
          position[w] += Math.random() < 0.5 ? -1 : 1;
          paths[w * length + (steps % length)] = position[w];
        }
      }
    },
    write(frame) {
      const kept = Math.min(steps, length);
      const first = steps - kept;
      // Each walker's line, oldest step first, then NaN to break the line before the next walker.
      const { t, y } = frame.paths.columns;
      let i = 0;
      for (let w = 0; w < walkers; w++, i++) {
        for (let s = first; s < steps; s++, i++) {
          t[i] = s + 1;
          y[i] = paths[w * length + (s % length)];
        }
        t[i] = y[i] = NaN;
      }
      frame.paths.length = i;
      // The envelope ±2√t over the same steps.
      const env = frame.envelope.columns;
      let j = 0;
      for (const sign of [1, -1]) {
        for (let s = first; s < steps; s++, j++) {
          env.t[j] = s + 1;
          env.y[j] = sign * 2 * Math.sqrt(s + 1);
        }
        env.t[j] = env.y[j++] = NaN;
      }
      frame.envelope.length = j;
    },
    snapshot: () => ({ steps, positions: Array.from(position) }),
    counters: () => ({ steps }),
    // A new rate applies live; any other change asks for a restart.
    update(next) {
      const changed = Object.keys({ ...params, ...next }).filter((name) => next[name] !== params[name]);
      if (!changed.every((name) => name === "rate")) return false;
      rate = integer(next, "rate", 120, 1, 1_000_000);
      return true;
    },
  };
}

/** Reads an integer parameter; a bad one is an "invalid-params" error that says what to fix. */
function integer(params, name, fallback, min, max) {
  const value = params[name] ?? fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw Object.assign(new Error(`random-walks: ${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(params[name])}`), {
      code: "invalid-params",
    });
  }
  return value;
}
