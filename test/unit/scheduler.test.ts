// The scheduler on its own, with stand-in runners and a work clock the test moves: which ticks come
// through the MessageChannel (at once, after a busy slice) and which through a timer (after a light
// one), that wakes do not multiply the ticks, and that an idle scheduler wakes again.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { JobRunner } from "../../src/worker/engine/job-runner.js";
import { SLICE_MS, Scheduler } from "../../src/worker/engine/scheduler.js";
import { workClock } from "../../src/worker/engine/work-clock.js";

let clock = 0;
workClock.now = () => clock;

/** A runner that stays active for `ticks` ticks, each taking `ms` of work clock. */
class StandIn {
  ticked = 0;
  constructor(
    private ticks: number,
    private readonly ms: number,
  ) {}

  get active(): boolean {
    return this.ticked < this.ticks;
  }

  tick(): void {
    this.ticked++;
    clock += this.ms;
  }

  /** Gives the runner `more` ticks of work again, as a job that starts does. */
  resume(more: number): void {
    this.ticks = this.ticked + more;
  }
}

/** Counts the timers the scheduler sets while `work` runs, and waits until the runners are done. */
async function timersWhile(runners: StandIn[], work: () => void): Promise<number> {
  const original = globalThis.setTimeout;
  let timers = 0;
  globalThis.setTimeout = ((callback: () => void, ms?: number) => {
    timers++;
    return original(callback, ms);
  }) as typeof setTimeout;
  try {
    work();
    while (runners.some((runner) => runner.active)) await new Promise((resolve) => setImmediate(resolve));
  } finally {
    globalThis.setTimeout = original;
  }
  return timers;
}

function schedulerOf(runners: StandIn[]): Scheduler {
  return new Scheduler(() => runners as unknown as JobRunner[]);
}

test("after a busy tick (a full slice of work) the next comes through the channel, with no timer", { timeout: 10_000 }, async () => {
  const runner = new StandIn(20, SLICE_MS);
  const scheduler = schedulerOf([runner]);
  assert.equal(await timersWhile([runner], scheduler.wake), 1, "only the wake's own timer");
  assert.equal(runner.ticked, 20);
});

test("after a light tick the next waits for a timer", { timeout: 10_000 }, async () => {
  const runner = new StandIn(5, SLICE_MS / 2);
  const scheduler = schedulerOf([runner]);
  assert.equal(await timersWhile([runner], scheduler.wake), 5, "the wake's, then one after each light tick but the last");
  assert.equal(runner.ticked, 5);
});

test("wakes while ticks are due add none: each tick runs each runner once", { timeout: 10_000 }, async () => {
  const runners = [new StandIn(3, SLICE_MS / 4), new StandIn(3, SLICE_MS / 4)];
  const scheduler = schedulerOf(runners);
  const timers = await timersWhile(runners, () => {
    scheduler.wake();
    scheduler.wake();
    scheduler.wake();
  });
  assert.equal(timers, 3);
  assert.deepEqual(
    runners.map((runner) => runner.ticked),
    [3, 3],
  );
});

test("an idle scheduler wakes again when a job starts", { timeout: 10_000 }, async () => {
  const runner = new StandIn(2, SLICE_MS / 2);
  const scheduler = schedulerOf([runner]);
  // The tick that finds the runner done is the scheduler's last: it goes idle.
  await timersWhile([runner], scheduler.wake);
  runner.resume(2);
  await timersWhile([runner], scheduler.wake);
  assert.equal(runner.ticked, 4);
});
