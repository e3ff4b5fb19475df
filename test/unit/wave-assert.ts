// Assertions on wave frames, shared by the wave and job-runner tests.
import assert from "node:assert/strict";
import type { FrameData } from "../../src/protocol/types.js";

/** Tolerance for comparing computed floating-point values. */
export const TOLERANCE = 1e-12;

const X_MAX = 4 * Math.PI;

export interface WaveState {
  points: number;
  frequency: number;
  speed: number;
  /** Simulated seconds. */
  t: number;
  /** The accumulated shift along x, when speed changed during the run (else speed · t). */
  phase?: number;
}

export function assertClose(actual: unknown, expected: number, what: string): void {
  assert.equal(typeof actual, "number", `${what} is a number`);
  assert.ok(Math.abs((actual as number) - expected) <= TOLERANCE, `${what} = ${String(actual)}, expected ${expected} ± ${TOLERANCE}`);
}

/**
 * Asserts `frame` holds y = sin(frequency · (x + speed · t)) at `points` evenly spaced x from 0 to 4π,
 * in `source`: "wave" in what the job writes, the display source in what the engine sends (with fewer
 * points than pixel columns, the engine's reduction keeps every point).
 */
export function assertWave(frame: FrameData, expected: WaveState, name = "wave"): void {
  const source = frame[name];
  assert.ok(source, `the frame has a ${name} source`);
  assert.equal(source.length, expected.points, "valid length");
  const { x, y } = source.columns;
  assert.ok(x instanceof Float64Array && y instanceof Float64Array, "x and y are Float64Arrays");
  assert.ok(x.length >= expected.points && y.length >= expected.points, "columns hold at least `points` values");
  const dx = X_MAX / (expected.points - 1);
  for (let i = 0; i < expected.points; i++) {
    const xi = i * dx;
    assertClose(x[i], xi, `x[${i}]`);
    assertClose(y[i], Math.sin(expected.frequency * (xi + (expected.phase ?? expected.speed * expected.t))), `y[${i}]`);
  }
  assert.equal(x[0], 0, "x starts at 0");
  assertClose(x[expected.points - 1], X_MAX, "last x (4π)");
}
