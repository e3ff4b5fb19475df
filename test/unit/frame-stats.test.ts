// The figures of `stats` and `live-plot-stats`, from the page's FrameStats: dropped frames counted
// against a 60 Hz display while running (and not while stopped), rates over the report window, and
// the median and 95th percentile of the main-thread cost of applying a frame.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FrameStats } from "../../src/ui/session/frame-stats.js";

const REFRESH = 1000 / 60;
const counters = (steps: number, evals?: number) => (evals === undefined ? { steps } : { steps, evals });

test("frames shown at every refresh drop none; a late frame counts the refreshes it missed", () => {
  const stats = new FrameStats();
  let now = 1000;
  for (let i = 0; i < 10; i++) stats.record((now += REFRESH), 1, 64, counters(i), true);
  assert.equal(stats.current.frames, 10);
  assert.equal(stats.current.droppedFrames, 0);
  // Shown 6 refreshes after the previous one: the 5 in between were dropped.
  stats.record((now += 6 * REFRESH), 1, 64, counters(10), true);
  assert.equal(stats.current.droppedFrames, 5);
  // Half a refresh late is on time (a display's timing jitters).
  stats.record((now += 1.4 * REFRESH), 1, 64, counters(11), true);
  assert.equal(stats.current.droppedFrames, 5);
  assert.equal(stats.current.frames, 12);
  assert.equal(stats.current.bytesPerFrame, 64);
});

test("no frame is dropped while stopped: frames shown by step() or after a pause count no gap", () => {
  const stats = new FrameStats();
  stats.record(1000, 1, 8, counters(0), true);
  stats.pause();
  stats.record(5000, 1, 8, counters(1), true);
  assert.equal(stats.current.droppedFrames, 0, "the pause until the next start is no dropped frame");
  stats.record(9000, 1, 8, counters(2), false);
  stats.record(9500, 1, 8, counters(3), true);
  assert.equal(stats.current.droppedFrames, 0, "a frame shown while not running starts no gap");
  stats.record(9500 + 3 * REFRESH, 1, 8, counters(4), true);
  assert.equal(stats.current.droppedFrames, 2);
});

test("a report after half a second: fps, steps and evaluations per second, cost percentiles", () => {
  const stats = new FrameStats();
  const costs = Array.from({ length: 30 }, (_, i) => i + 1); // 1 … 30 ms
  let now = 0;
  stats.record(now, 0.5, 8, counters(0, 0), true); // opens the window
  for (const [i, cost] of costs.entries()) {
    now += 20;
    stats.record(now, cost, 8, counters((i + 1) * 10, (i + 1) * 100), true);
    if (now < 500) assert.equal(stats.report(now), undefined, "no report before half a second");
  }
  const report = stats.report(600);
  assert.ok(report, "a report once the window lasted half a second");
  assert.equal(report.frames, 31);
  assert.ok(Math.abs(report.fps - 30 / 0.6) < 1e-9, `fps ${report.fps}`);
  assert.ok(Math.abs(report.simRate - 300 / 0.6) < 1e-9, `simRate ${report.simRate}`);
  assert.ok(Math.abs(report.evalRate - 3000 / 0.6) < 1e-9, `evalRate ${report.evalRate}`);
  // 31 costs: 0.5 and 1 … 30. The median is the 16th smallest (15), the 95th percentile the 30th (29).
  assert.equal(report.frameMsP50, 15);
  assert.equal(report.frameMsP95, 29);
  assert.notEqual(report, stats.current, "a report is a copy");
  assert.equal(stats.report(700), undefined, "the next window starts at the report");
});

test("a reset (the job's counters start again) restarts the rate window instead of counting backwards", () => {
  const stats = new FrameStats();
  stats.record(0, 1, 8, counters(0), true);
  stats.record(100, 1, 8, counters(1000), true);
  stats.record(200, 1, 8, counters(5), true); // reset: steps went down
  for (let now = 300; now <= 800; now += 100) stats.record(now, 1, 8, counters(5 + (now - 200) / 10), true);
  const report = stats.report(800);
  assert.ok(report);
  assert.ok(report.simRate >= 0, `simRate ${report.simRate}`);
  assert.ok(Math.abs(report.simRate - 60 / 0.6) < 1e-9, `steps per second since the reset: ${report.simRate}`);
});
