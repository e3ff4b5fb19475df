/**
 * The clock that cuts work into slices: jobs' advance() budgets, step() slices, the integrator's
 * deadline, the scheduler's turn. The machine's clock in use. Tests put a counting clock in its place
 * (each look at it a fixed time later), so that how much work fits in a slice is the same on any
 * machine, loaded or not, and with the mutation run's instrumentation.
 */
export const workClock = {
  now: (): number => performance.now(),
};

/** The time of day, in epoch milliseconds, for views that slide with the clock. Tests set it. */
export const dateClock = {
  now: (): number => Date.now(),
};
