import type { JobRunner } from "./job-runner.js";
import { workClock } from "./work-clock.js";

/**
 * Time between slices for light jobs. Short enough that the simulation stays fresh for each frame;
 * long enough that an idle-ish job does not spin the worker.
 */
export const SLICE_MS = 4;

/**
 * Advances every running job, one slice each per tick, and sleeps when none runs. After a busy
 * tick the next one comes at once, though behind any message already waiting (credits, control
 * calls), through a MessageChannel: setTimeout would add its 4 ms clamp to every busy slice.
 */
export class Scheduler {
  private due = false;
  private readonly channel = new MessageChannel();

  constructor(private readonly runners: () => Iterable<JobRunner>) {
    this.channel.port1.onmessage = this.tick;
    // In node (the unit tests), an idle scheduler must not keep the process alive.
    // Stryker disable next-line OptionalChaining: browsers' ports have no unref; the browser tests run this line there
    (this.channel.port1 as { unref?: () => void }).unref?.();
  }

  /** Call after a job starts or resumes: ticks resume if they had stopped. */
  readonly wake = (): void => {
    if (this.due) return;
    this.due = true;
    setTimeout(this.tick, 0);
  };

  private readonly tick = (): void => {
    const started = workClock.now();
    let anyRunning = false;
    for (const runner of this.runners()) {
      runner.tick();
      anyRunning ||= runner.active;
    }
    if (!anyRunning) this.due = false;
    else if (workClock.now() - started >= SLICE_MS) this.channel.port2.postMessage(null);
    else setTimeout(this.tick, SLICE_MS);
  };
}
