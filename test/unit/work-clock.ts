import { workClock } from "../../src/worker/engine/work-clock.js";

/**
 * Slices work by a counting clock for the rest of this test file: each look at the work clock is
 * `ms` later than the one before. How much fits in an advance() budget, a step() slice or the
 * integrator's deadline is then the same on any machine, busy or not, instrumented or not.
 */
export function countWorkClock(ms = 0.05): void {
  let now = 0;
  workClock.now = () => (now += ms);
}
