// `npm run bench`: demos/bench.html's scenarios in headless Chromium, every one as live-plot, the seed's
// main-thread approach and uPlot, in the same run. Adds Chromium's own main-thread busy time per
// frame (CDP TaskDuration's share of each window's first half, times its mean frame interval) to
// each, types into the page over each window's second half (Event Timing sees only trusted input),
// writes bench/results/<date>.json and .html, and prints the summary.
//
//   npm run bench                      the default scenarios and a 10^6-point wave, 5 s per mode,
//                                      then the engine's benchmarks (bench/engine.mjs, bench:engine)
//   npm run bench -- --quick           the default scenarios, 3 s per mode (under 2 minutes)
//   npm run bench -- --scenarios '[{"job": "/demos/jobs/random-walks.js", "params": {"walkers": 8}}]'
//   npm run bench -- --compare A.json B.json    figures side by side, B ÷ A
//
// Runs under tsx (`node --import tsx`): it shares the page's tables and the report with TypeScript.
import os from "node:os";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { launchChromium } from "../scripts/chromium.mjs";
import { serve } from "../scripts/serve.mjs";
import { addRatios, COMPACT, compareTable, OVERHEAD_LIMIT_MS, overheadOverLimit, summaryTable, tableText } from "./page/results.js";
import { DEFAULT_SCENARIOS } from "./page/scenarios.js";
import { reportHtml } from "./report.js";

const { values: options, positionals } = parseArgs({
  options: { quick: { type: "boolean" }, compare: { type: "boolean" }, scenarios: { type: "string" }, duration: { type: "string" }, out: { type: "string", default: "bench/results" } },
  allowPositionals: true,
});

/** A whole run may take this long before the CLI gives up on the page. */
const RUN_TIMEOUT_MS = 30 * 60_000;
/** Keys typed, one after another, while a window is measured. */
const TYPED = "live plot ";
const KEY_DELAY_MS = 60;

async function compare(files) {
  const [a, b] = files;
  if (!a || !b) throw new Error("usage: npm run bench -- --compare A.json B.json");
  const [before, after] = await Promise.all([a, b].map(async (file) => JSON.parse(await readFile(file, "utf8"))));
  console.log(`A: ${a} (${before.date})\nB: ${b} (${after.date})\n`);
  console.log(tableText(compareTable(before, after)));
}

/**
 * Chromium's main-thread busy time (TaskDuration) over each window's first half, and keys typed
 * into #typing over its second half, for Event Timing. Apart, because key events sent over CDP to
 * a busy page inflate TaskDuration past the wall-clock time. A busy page answers CDP late, so what
 * is kept is the busy share of the time between two readings (each stamped by Chromium), which the
 * window's mean frame interval turns into ms per frame.
 */
function windowInstruments(page, cdp) {
  /** Per window: the main thread's busy share (0 to 1) over its first half, and the keys sent in its second. */
  const busyShare = new Map();
  const keysSent = new Map();
  let sent = 0;
  let opened = { busy: 0, at: 0 };
  let typing = Promise.resolve();
  let keepTyping = false;
  const reading = async () => {
    const metrics = (await cdp.send("Performance.getMetrics")).metrics;
    const value = (name) => metrics.find((m) => m.name === name).value;
    return { busy: value("TaskDuration"), at: value("Timestamp") };
  };
  const typeUntilStopped = async () => {
    await page.focus("#typing");
    for (sent = 0; keepTyping; sent++) {
      await page.keyboard.type(TYPED[sent % TYPED.length]);
      await new Promise((resolve) => setTimeout(resolve, KEY_DELAY_MS));
    }
  };
  return {
    busyShare,
    keysSent,
    async phase(phase, id, mode) {
      if (phase === "start") opened = await reading();
      else if (phase === "half") {
        const now = await reading();
        busyShare.set(`${id} ${mode}`, (now.busy - opened.busy) / (now.at - opened.at));
        keepTyping = true;
        typing = typeUntilStopped();
      } else {
        keepTyping = false;
        await typing;
        keysSent.set(`${id} ${mode}`, sent);
      }
    },
  };
}

/** `npm run bench --quick` (without `--`) reaches the script as npm's config, in the environment. */
const flag = (name) => options[name] === true || process.env[`npm_config_${name}`] === "true";

async function run() {
  const quick = flag("quick");
  const scenarios = options.scenarios ? JSON.parse(options.scenarios) : quick ? DEFAULT_SCENARIOS : [...DEFAULT_SCENARIOS, { job: "wave", params: {}, points: 1_000_000, plots: 1, backend: "canvas" }];
  const duration = Number(options.duration ?? (quick ? 3000 : 5000));
  const started = Date.now();
  const { server, url } = await serve();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1100 } });
    page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const instruments = windowInstruments(page, cdp);
    await page.exposeFunction("liveplotBenchPhase", instruments.phase);
    await page.goto(`${url}/demos/bench.html?auto&duration=${duration}&scenarios=${encodeURIComponent(JSON.stringify(scenarios))}`);
    await page.waitForFunction(() => window.liveplotBench !== undefined, null, { timeout: RUN_TIMEOUT_MS, polling: 500 });
    const result = await page.evaluate(() => window.liveplotBench);
    if ("error" in result) throw new Error(result.error);
    for (const scenario of result.scenarios) {
      for (const [mode, figures] of Object.entries(scenario.modes)) {
        const key = `${scenario.id} ${mode}`;
        if (figures.input) figures.input.sent = instruments.keysSent.get(key);
        const share = instruments.busyShare.get(key);
        if (share !== undefined && figures.animationFrames) figures.taskMsPerFrame = (share * figures.seconds * 1000) / figures.animationFrames;
      }
    }
    addRatios(result);
    const cpus = os.cpus();
    result.machine = { cpu: cpus[0]?.model.trim() ?? "unknown CPU", cores: cpus.length, chromium: browser.version(), headless: true };
    await mkdir(options.out, { recursive: true });
    const base = `${options.out}/${result.date.slice(0, 10)}${quick ? "-quick" : ""}`;
    await writeFile(`${base}.json`, `${JSON.stringify(result, null, 1)}\n`);
    await writeFile(`${base}.html`, reportHtml(result));
    console.log(`${result.machine.cpu}, ${result.machine.cores} cores, Chromium ${result.machine.chromium}, headless, display ${result.refresh.hz.toFixed(0)} Hz, ${duration / 1000} s per mode\n`);
    console.log(tableText(summaryTable(result, COMPACT)));
    for (const name of overheadOverLimit(result)) console.log(`warning: the benchmark's own bookkeeping took over ${OVERHEAD_LIMIT_MS} ms per frame in ${name}`);
    console.log(`\nwrote ${base}.json and ${base}.html in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await browser.close();
    server.close();
  }
}

if (flag("compare")) await compare(positionals);
else {
  await run();
  // The full run ends with the engine's benchmarks: their targets are lines of `npm run bench` too.
  if (!flag("quick") && !options.scenarios) await import("./engine.mjs");
}
