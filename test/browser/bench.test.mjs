// demos/bench.html?auto: the benchmark page runs its scenarios unattended in every mode and leaves
// the run as JSON in window.liveplotBench and #results. Checked for shape and for relations that hold
// on any machine (no wall-clock thresholds): frames were shown, percentiles are ordered, the
// benchmark measured its own overhead, the ratios are the quotients of the figures; and bad input
// is refused where a person sees it. The CLI (bench/run.mjs) over the same page, briefly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { browserSuite } from "./harness.mjs";

const run = promisify(execFile);

const suite = browserSuite();
const MODES = ["live-plot", "main-thread", "uplot"];

/** Opens the page with `query`, waits for the unattended run to finish, and answers it with the page. */
async function autoRun(query) {
  const opened = await suite.open(`/demos/bench.html?auto&${query}`, { viewport: { width: 1000, height: 1000 } });
  await opened.page.waitForFunction(() => window.liveplotBench !== undefined, null, { timeout: 120_000 });
  const run = await opened.page.evaluate(() => window.liveplotBench);
  const text = JSON.parse(await opened.page.textContent("#results"));
  assert.deepEqual(text, JSON.parse(JSON.stringify(run)), "#results holds the same run as JSON");
  return { ...opened, run };
}

test("two wave plots in all three modes: every figure measured, ordered, and the ratios are the figures' quotients", async () => {
  const { page, run, close, messages } = await autoRun("duration=1000&job=wave&points=1000&plots=2");
  assert.equal(run.version, 1);
  assert.ok(run.refresh.periodMs > 0 && Math.abs(run.refresh.hz - 1000 / run.refresh.periodMs) < 1e-9);
  assert.equal(run.scenarios.length, 1);
  const [scenario] = run.scenarios;
  assert.deepEqual(scenario.scenario, { job: "wave", params: {}, points: 1000, plots: 2, backend: "canvas" });
  assert.deepEqual(Object.keys(scenario.modes), MODES);
  for (const mode of MODES) {
    const r = scenario.modes[mode];
    assert.equal(r.error, undefined, `${mode}: ${r.error}`);
    assert.ok(r.fps > 0, `${mode} showed frames`);
    assert.ok(r.animationFrames > 0 && r.seconds > 0);
    const { p50, p95, p99, distribution } = r.frameMs;
    assert.ok(p50 > 0 && p50 <= p95 && p95 <= p99, `${mode}: ${p50} ≤ ${p95} ≤ ${p99}`);
    assert.equal(distribution.length, 101);
    assert.deepEqual(distribution, [...distribution].sort((a, b) => a - b));
    assert.ok(Number.isFinite(r.overheadMsPerFrame) && r.overheadMsPerFrame >= 0, `${mode} overhead ${r.overheadMsPerFrame}`);
    assert.ok(Number.isInteger(r.droppedFrames) && r.droppedFrames >= 0);
    assert.equal(r.droppedPerSecond, r.droppedFrames / r.seconds);
    assert.ok(r.simRate > 0, `${mode} simulated`);
    assert.ok(r.firstFrameMs > 0);
    assert.ok(r.longFrames === null || r.longFrames.blockingMsPerSecond >= 0);
    assert.ok(r.longTasks === null || r.longTasks.blockingMsPerSecond >= 0);
    assert.deepEqual(r.input, { keystrokes: 0, slowEvents: 0, worstMs: null }, "nobody typed");
  }
  const live = scenario.modes["live-plot"];
  for (const peer of ["main-thread", "uplot"]) {
    const other = scenario.modes[peer];
    assert.equal(scenario.ratios[peer].fps, live.fps / other.fps);
    assert.equal(scenario.ratios[peer].p95, live.frameMs.p95 / other.frameMs.p95);
    assert.equal(scenario.ratios[peer].task, null, "TaskDuration is the CLI's");
  }
  // The summary on the page: a row per mode, and a distribution chart drawn by live-plot.
  assert.deepEqual(await page.$$eval("#summary tbody tr", (rows) => rows.map((row) => row.children[1].textContent)), MODES);
  // (A plot out of sight draws nothing: bring it into view.)
  await page.locator("#distributions live-plot").scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector("#distributions live-plot").stats.frames > 0);
  // Exported, then compared with itself: every figure side by side, B ÷ A = 1.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  const exported = JSON.parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString()));
  assert.deepEqual(exported, run);
  await page.setInputFiles("#import", { name: "a.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(exported)) });
  await page.waitForSelector("#comparison table");
  const rows = await page.$$eval("#comparison tbody tr", (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.ok(rows.length >= MODES.length * 4);
  for (const [, , figure, a, b, ratio] of rows) {
    assert.equal(a, b, figure);
    assert.equal(ratio, Number(a) === 0 ? "–" : "1.0", `${figure}: no ratio to 0`);
  }
  await page.setInputFiles("#import", { name: "b.json", mimeType: "application/json", buffer: Buffer.from("{}") });
  await page.waitForFunction(() => document.querySelector("#error").textContent.includes("b.json is not a live-plot benchmark run"));
  assert.deepEqual(messages, [], "not a line in the console: BokehJS, uPlot and the page all quiet");
  await close();
});

test("other jobs on the main thread, a job module uPlot cannot draw, and one that is not there: errors in the results, the run goes on", async () => {
  const scenarios = [{ job: "lorenz" }, { job: "jobs/random-walks.js", params: { walkers: 3 } }, { job: "/demos/jobs/no-such-job.js" }];
  const { page, run, errors } = await autoRun(`duration=500&modes=main-thread,uplot&scenarios=${encodeURIComponent(JSON.stringify(scenarios))}`);
  const [lorenz, walks, missing] = run.scenarios;
  for (const mode of ["main-thread", "uplot"]) assert.ok(lorenz.modes[mode].fps > 0, `lorenz's trail (an append source) drawn by ${mode}`);
  assert.ok(walks.modes["main-thread"].fps > 0, "a job module run on the main thread");
  assert.match(walks.modes.uplot.error, /uPlot draws lines of their own x \(its mode 2\) without gaps; this job breaks its lines with NaN/);
  for (const mode of ["main-thread", "uplot"]) assert.match(missing.modes[mode].error, /could not load job module .*no-such-job\.js/);
  assert.match(await page.textContent("#summary"), /error: could not load job module/);
  assert.deepEqual(errors.filter((line) => line.startsWith("uncaught")), []);
  await page.close();
});

test("a bad query is refused where the person sees it, and in the JSON", async () => {
  const { page, close } = await suite.open("/demos/bench.html?auto&plots=0");
  await page.waitForFunction(() => window.liveplotBench !== undefined);
  const message = "bench: plots must be a whole number from 1 to 16, got \"0\"";
  assert.deepEqual(await page.evaluate(() => window.liveplotBench), { error: message });
  assert.equal(await page.textContent("#error"), message);
  assert.equal(await page.isVisible("#error"), true);
  await close();
});

test("the form refuses a bad scenario with a visible message and queues a good one", async () => {
  const { page, close } = await suite.open("/demos/bench.html");
  await page.fill("#params", "{frequency: 3}");
  await page.click("#add-scenario");
  assert.equal(await page.textContent("#error"), "bench: params must be a JSON object, got {frequency: 3}");
  await page.fill("#params", '{"frequency": 3}');
  await page.fill("#job", "jobs/random-walks.js");
  await page.click("#add-scenario");
  assert.equal(await page.isVisible("#error"), false);
  assert.match(await page.textContent("#scenario-list li:last-child"), /^jobs\/random-walks\.js, 1000 pts, 1 plot \{"frequency":3\}/);
  await close();
});

test("the CLI: one scenario headless, with Chromium's busy time and typed keys added, written as JSON and HTML, and compared", async () => {
  const out = await mkdtemp(join(tmpdir(), "bench-"));
  try {
    const scenarios = JSON.stringify([{ job: "wave", points: 1000 }]);
    const { stdout } = await run(process.execPath, ["--import", "tsx", "bench/run.mjs", "--scenarios", scenarios, "--duration", "1200", "--out", out]);
    const [name] = (await readdir(out)).filter((file) => file.endsWith(".json"));
    const result = JSON.parse(await readFile(join(out, name), "utf8"));
    assert.equal(result.machine.headless, true);
    assert.ok(result.machine.cores > 0 && result.machine.chromium.length > 0);
    const [scenario] = result.scenarios;
    for (const mode of MODES) {
      const r = scenario.modes[mode];
      assert.ok(r.taskMsPerFrame > 0, `${mode}: TaskDuration per frame`);
      assert.ok(r.input.keystrokes > 0, `${mode}: the CLI typed while it measured`);
      assert.ok(r.input.sent >= r.input.keystrokes, `${mode}: ${r.input.sent} keys sent, ${r.input.keystrokes} handled`);
      assert.match(stdout, new RegExp(`wave, 1000 pts, 1 plot +${mode} `));
    }
    for (const peer of ["main-thread", "uplot"]) assert.equal(scenario.ratios[peer].task, scenario.modes["live-plot"].taskMsPerFrame / scenario.modes[peer].taskMsPerFrame);
    assert.match(await readFile(join(out, name.replace(".json", ".html")), "utf8"), /<svg[^>]*>.*<polyline/s);
    const compared = await run(process.execPath, ["--import", "tsx", "bench/run.mjs", "--compare", join(out, name), join(out, name)]);
    assert.match(compared.stdout, /wave, 1000 pts, 1 plot +live-plot +task ms\/frame +[\d.]+ +[\d.]+ +1\.0/);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
