import type { JobRunner } from "./job-runner.js";

/**
 * Time slices between advances. Short enough that credits and control calls are answered within a
 * few milliseconds; long enough that an idle-ish job does not spin the worker.
 */
const SLICE_MS = 4;

/** Advances every running job in short slices, and sleeps when none runs. */
export class Scheduler {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly runners: () => Iterable<JobRunner>) {}

  /** Call after a job starts: ticks resume if they had stopped. */
  wake(): void {
    this.timer ??= setTimeout(this.tick, 0);
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    let anyRunning = false;
    for (const runner of this.runners()) {
      runner.tick();
      anyRunning ||= runner.running;
    }
    if (anyRunning) this.timer = setTimeout(this.tick, SLICE_MS);
  };
}
