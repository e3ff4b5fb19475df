// Right-hand-side evaluations per second for the Lorenz system at rtol = atol = 1e-10: inside the
// engine worker of a <live-plot job="ode" speed "max"> in headless Chromium, against odex on node's
// main thread as a baseline. Run with `npm run bench` (which builds dist/ first); takes ~10 s.
import os from "node:os";
import { launchChromium } from "../scripts/chromium.mjs";
import { Outcome, Solver } from "odex";
import { serve } from "../scripts/serve.mjs";
import lorenz from "./lorenz-rhs.js";

const TOLERANCE = 1e-10;
/** Baseline integration: 4 windows of 500 ms of wall-clock time. */
const BASELINE_WINDOWS = 4;
const WINDOW_MS = 500;
/** Simulated time per baseline solve call. */
const BASELINE_CHUNK = 10;
/** The first report covers start-up; the median is taken over the next ones. */
const REPORTS = 6;
const REPORT_TIMEOUT_MS = 15_000;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const perSecond = (rate) => `${(rate / 1e6).toFixed(3)} M/s`;

/**
 * odex directly, as the worker's integrator would be without dense output: solve after solve for
 * BASELINE_WINDOWS windows of WINDOW_MS each (the element's reports cover ~500 ms too), and the
 * median window's rates.
 */
function baseline() {
  const solver = new Solver(3);
  solver.relativeTolerance = TOLERANCE;
  solver.absoluteTolerance = TOLERANCE;
  solver.denseOutput = false;
  solver.maxSteps = 1_000_000;
  let t = 0;
  let y = [1, 1, 1];
  const windows = [];
  for (let window = 0; window < BASELINE_WINDOWS; window++) {
    let evals = 0;
    let steps = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < WINDOW_MS) {
      const result = solver.solve(lorenz, t, y, t + BASELINE_CHUNK);
      if (result.outcome !== Outcome.Converged) throw new Error(`baseline solve ended with outcome ${result.outcome} at t = ${t}`);
      ({ y } = result);
      t += BASELINE_CHUNK;
      evals += result.nEval;
      steps += result.nAccept;
      elapsed = performance.now() - start;
    }
    windows.push({ evalRate: evals / (elapsed / 1000), simRate: steps / (elapsed / 1000) });
  }
  const figure = (name) => median(windows.map((window) => window[name]));
  return { evalRate: figure("evalRate"), simRate: figure("simRate"), windows: windows.length, t };
}

/** The element's own figures: the median of REPORTS live-plot-stats reports after the first. */
async function inWorker(browser, url) {
  const page = await browser.newPage();
  const pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => message.type() === "error" && pageErrors.push(message.text()));
  await page.goto(`${url}/bench/ode-rate.html`);
  await page
    .waitForFunction((count) => window.benchErrors.length > 0 || window.benchReports.length >= count, REPORTS + 1, { timeout: REPORT_TIMEOUT_MS })
    .catch((error) => {
      throw new Error(`no ${REPORTS + 1} live-plot-stats reports within ${REPORT_TIMEOUT_MS} ms (${error.message}); page errors: ${pageErrors.join("; ")}`);
    });
  const { reports, errors } = await page.evaluate(() => ({ reports: window.benchReports, errors: window.benchErrors }));
  if (errors.length > 0) throw new Error(`live-plot-error: ${JSON.stringify(errors)}`);
  await page.close();
  for (const message of pageErrors) console.warn(`page error: ${message}`);
  const used = reports.slice(1, REPORTS + 1);
  const figure = (name) => median(used.map((report) => report[name]));
  return { evalRate: figure("evalRate"), simRate: figure("simRate"), fps: figure("fps"), reports: used.length };
}

async function main() {
  const cpus = os.cpus();
  const base = baseline();
  const { server, url } = await serve();
  const browser = await launchChromium();
  try {
    const worker = await inWorker(browser, url);
    console.log(`ODE evaluation rate: Lorenz (sigma 10, rho 28, beta 8/3) from (1, 1, 1), rtol = atol = ${TOLERANCE}`);
    console.log(`machine   ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${os.platform()} ${os.release()}, node ${process.version}, Chromium ${browser.version()}`);
    console.log(`worker    ${perSecond(worker.evalRate)} evals, ${perSecond(worker.simRate)} steps (median of ${worker.reports} live-plot-stats reports after the first; ${worker.fps.toFixed(1)} fps)`);
    console.log(`baseline  ${perSecond(base.evalRate)} evals, ${perSecond(base.simRate)} steps (odex on node's main thread, denseOutput false; median of ${base.windows} windows of ${WINDOW_MS} ms, to t = ${base.t})`);
    console.log(`ratio     worker / baseline = ${(worker.evalRate / base.evalRate).toFixed(3)} (evals/s)`);
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
