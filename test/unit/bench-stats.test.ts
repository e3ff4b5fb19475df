// The benchmark's arithmetic (bench/page): percentiles by nearest rank, the refresh period from idle
// frames, missed refreshes against it (120 and 144 Hz displays too), ratios, the scenarios a query
// names, and the summary and comparison tables built from runs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { compareTable, glanceTable, overheadOverLimit, summaryTable, tableText, type BenchRun, type ModeResult, type ScenarioResult } from "../../bench/page/results.js";
import { DEFAULT_DURATION_MS, DEFAULT_SCENARIOS, planFrom, scenarioFrom, scenarioId } from "../../bench/page/scenarios.js";
import { frameTimes, missedRefreshes, percentile, ratio, refreshPeriod } from "../../bench/page/stats.js";

test("percentiles by nearest rank: the smallest value with at least p % at or below it", () => {
  const sorted = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
  assert.equal(percentile(sorted, 50), 50);
  assert.equal(percentile(sorted, 51), 60);
  assert.equal(percentile(sorted, 95), 100);
  assert.equal(percentile(sorted, 0), 10);
  assert.equal(percentile(sorted, 100), 100);
  assert.equal(percentile([7], 99), 7);
  assert.ok(Number.isNaN(percentile([], 50)));
});

test("frame times sort the intervals first and give the distribution at every whole percent", () => {
  // 97 intervals of 16, then 2 of 33 and one of 100, in no order.
  const intervals = [33, ...Array.from({ length: 97 }, () => 16), 100, 33];
  const times = frameTimes(intervals);
  assert.deepEqual([times.p50, times.p95, times.p99], [16, 16, 33]);
  assert.equal(times.distribution.length, 101);
  assert.equal(times.distribution[97], 16);
  assert.equal(times.distribution[98], 33);
  assert.equal(times.distribution[100], 100);
});

test("the refresh period is the idle intervals' median, which the odd late frame does not move", () => {
  assert.equal(refreshPeriod([16.7, 16.6, 50, 16.7, 16.8]), 16.7);
  assert.equal(refreshPeriod([8, 9, 8.5, 8, 9, 8.25]), 8.375, "an even count: the mean of the middle two");
  assert.equal(refreshPeriod([6.9, 7, 6.9, 100, 7, 6.9, 6.9]), 6.9);
  assert.ok(Number.isNaN(refreshPeriod([])));
});

test("missed refreshes: an interval over 1.5 periods missed round(interval / period) - 1", () => {
  const at60 = 1000 / 60;
  assert.equal(missedRefreshes([at60, at60, 1.4 * at60], at60), 0);
  assert.equal(missedRefreshes([1.6 * at60], at60), 1);
  assert.equal(missedRefreshes([2 * at60, 6 * at60, at60], at60), 1 + 5);
  // At 144 Hz the same 16.7 ms frame missed a refresh: a 60 Hz count would call it on time.
  const at144 = 1000 / 144;
  assert.equal(missedRefreshes([at60, at60], at144), 2);
  assert.equal(missedRefreshes([at144, at144, at144], at144), 0);
});

test("a ratio needs both figures and a non-zero divisor", () => {
  assert.equal(ratio(3, 4), 0.75);
  assert.equal(ratio(0, 4), 0);
  assert.equal(ratio(3, 0), null);
  assert.equal(ratio(null, 4), null);
  assert.equal(ratio(3, undefined), null);
  assert.equal(ratio(Number.NaN, 4), null);
});

test("the query names the scenarios, modes, duration, and whether to run unattended", () => {
  const defaults = planFrom("");
  assert.deepEqual(defaults.scenarios, DEFAULT_SCENARIOS);
  assert.deepEqual(defaults.modes, ["live-plot", "main-thread", "uplot"]);
  assert.equal(defaults.durationMs, DEFAULT_DURATION_MS);
  assert.equal(defaults.auto, false);
  assert.equal(defaults.live, true);

  const one = planFrom("?auto&job=jobs/random-walks.js&params=%7B%22walkers%22%3A4%7D&plots=2&modes=uplot,live-plot&duration=1500");
  assert.deepEqual(one.scenarios, [{ job: "jobs/random-walks.js", params: { walkers: 4 }, plots: 2, backend: "canvas" }]);
  assert.deepEqual(one.modes, ["live-plot", "uplot"]);
  assert.equal(one.durationMs, 1500);
  assert.equal(one.auto, true);
  assert.equal(one.live, false, "an unattended run draws no live chart unless asked");
  assert.equal(planFrom("?auto&live=1").live, true);

  const list = planFrom(`?scenarios=${encodeURIComponent(JSON.stringify([{ job: "lorenz" }, { job: "wave", points: 50, backend: "svg" }]))}`);
  assert.deepEqual(list.scenarios, [
    { job: "lorenz", params: {}, plots: 1, backend: "canvas" },
    { job: "wave", params: {}, points: 50, plots: 1, backend: "svg" },
  ]);
});

test("bad scenario fields are refused with a message that names the field", () => {
  assert.throws(() => scenarioFrom({ job: " " }), /job must be/);
  assert.throws(() => scenarioFrom({ params: "{frequency: 3}" }), /params must be a JSON object, got \{frequency: 3\}/);
  assert.throws(() => scenarioFrom({ params: "[1]" }), /params must be a JSON object/);
  assert.throws(() => scenarioFrom({ points: "1.5" }), /points must be a whole number from 1 to 10000000, got "1.5"/);
  assert.throws(() => scenarioFrom({ plots: "17" }), /plots must be a whole number from 1 to 16/);
  assert.throws(() => scenarioFrom({ backend: "opengl" }), /backend must be one of canvas, webgl, svg/);
  assert.throws(() => planFrom("?modes=live-plot,d3"), /modes are live-plot, main-thread, uplot, got "d3"/);
  assert.throws(() => planFrom("?scenarios=nope"), /scenarios must be a JSON array/);
  assert.throws(() => planFrom("?duration=0"), /duration \(ms\) must be/);
});

const result = (mode: ModeResult["mode"], fps: number, p95: number, taskMsPerFrame?: number): ModeResult => ({
  mode,
  fps,
  frameMs: { p50: 16.7, p95, p99: p95, distribution: [] },
  input: { keystrokes: 0, slowEvents: 0, worstMs: null },
  ...(taskMsPerFrame === undefined ? {} : { taskMsPerFrame }),
});

function run(scenarios: ScenarioResult[]): BenchRun {
  return { version: 1, date: "2026-12-06T00:00:00Z", userAgent: "test", refresh: { periodMs: 16.7, hz: 60 }, durationMs: 1000, scenarios };
}

const wave = { job: "wave", params: {}, points: 1000, plots: 1, backend: "canvas" as const };

test("the summary: every mode's figures, and on live-plot's row its ratios to both peers", () => {
  const scenario: ScenarioResult = {
    id: scenarioId(wave),
    scenario: wave,
    modes: { "live-plot": result("live-plot", 60, 17, 2), "main-thread": result("main-thread", 30, 34, 8), uplot: { mode: "uplot", error: "uPlot draws series over one shared x" } },
  };
  const table = summaryTable(run([scenario]));
  const column = (label: string) => table.header.indexOf(label);
  assert.deepEqual(table.rows.map((row) => row[1]), ["live-plot", "main-thread", "uplot"]);
  const [live, main, uplot] = table.rows as [string[], string[], string[]];
  assert.equal(live[column("fps")], "60.0");
  assert.equal(live[column("fps ÷ main-thread")], "2.0");
  assert.equal(live[column("p95 ms ÷ main-thread")], "0.50");
  assert.equal(live[column("task ms/frame ÷ main-thread")], "0.25");
  assert.equal(live[column("fps ÷ uplot")], "–", "no ratio to a peer that could not run");
  assert.equal(main[column("fps ÷ main-thread")], "", "ratios are live-plot's");
  assert.equal(live[column("worst input ms")], "no input");
  assert.match(uplot[column("fps")]!, /^error: uPlot draws/);
  assert.equal(column("bench ms/frame"), -1, "no column for a figure no result has");
  assert.match(tableText(table).split("\n")[1]!, /^wave, 1000 pts, 1 plot {2}live-plot/);
});

test("at a glance: per scenario and figure, the three modes side by side and live-plot's ratios to each peer", () => {
  const scenario: ScenarioResult = {
    id: scenarioId(wave),
    scenario: wave,
    modes: { "live-plot": result("live-plot", 60, 17), "main-thread": result("main-thread", 20, 51), uplot: { mode: "uplot", error: "cannot draw" } },
  };
  const table = glanceTable(run([scenario]));
  assert.deepEqual(table.header, ["scenario", "figure", "live-plot", "main-thread", "uplot", "live-plot ÷ main-thread", "live-plot ÷ uplot"]);
  assert.deepEqual(table.rows, [
    ["wave, 1000 pts, 1 plot", "fps", "60.0", "20.0", "error", "3.0", "–"],
    ["wave, 1000 pts, 1 plot", "p95 ms", "17.0", "51.0", "error", "0.33", "–"],
    // No figure on either side: no ratio.
    ["wave, 1000 pts, 1 plot", "dropped/s", "–", "–", "error", "–", "–"],
  ]);
});

test("comparing runs: the figures both have, scenario by scenario and mode by mode, and B over A", () => {
  const lorenz = { job: "lorenz", params: {}, plots: 1, backend: "canvas" as const };
  const a = run([
    { id: scenarioId(wave), scenario: wave, modes: { "live-plot": result("live-plot", 50, 20) } },
    { id: scenarioId(lorenz), scenario: lorenz, modes: { "live-plot": result("live-plot", 40, 20) } },
  ]);
  const b = run([{ id: scenarioId(wave), scenario: wave, modes: { "live-plot": result("live-plot", 60, 17), uplot: result("uplot", 60, 17) } }]);
  const table = compareTable(a, b);
  assert.deepEqual(table.rows, [
    ["wave, 1000 pts, 1 plot", "live-plot", "fps", "50.0", "60.0", "1.2"],
    ["wave, 1000 pts, 1 plot", "live-plot", "p50 ms", "16.7", "16.7", "1.0"],
    ["wave, 1000 pts, 1 plot", "live-plot", "p95 ms", "20.0", "17.0", "0.85"],
    ["wave, 1000 pts, 1 plot", "live-plot", "p99 ms", "20.0", "17.0", "0.85"],
  ]);
});

test("runs whose bookkeeping went over 0.2 ms per frame are named", () => {
  const over = { ...result("uplot", 60, 17), overheadMsPerFrame: 0.21 };
  const under = { ...result("live-plot", 60, 17), overheadMsPerFrame: 0.2 };
  assert.deepEqual(overheadOverLimit(run([{ id: scenarioId(wave), scenario: wave, modes: { "live-plot": under, uplot: over } }])), ["wave, 1000 pts, 1 plot: uplot"]);
});

test("the input column: no input, all faster than Event Timing reports, the slowest, or keys sent and none handled", () => {
  const inputs = [
    { keystrokes: 0, slowEvents: 0, worstMs: null },
    { keystrokes: 12, slowEvents: 0, worstMs: null },
    { keystrokes: 12, slowEvents: 2, worstMs: 40 },
    { keystrokes: 0, slowEvents: 0, worstMs: null, sent: 9 },
  ];
  const table = summaryTable(run(inputs.map((input, i) => ({ id: String(i), scenario: { ...wave, plots: i + 1 }, modes: { uplot: { ...result("uplot", 60, 17), input } } }))));
  const column = table.header.indexOf("worst input ms");
  assert.deepEqual(table.rows.map((row) => row[column]), ["no input", "< 16", "40", "0 of 9 handled"]);
});
