// Shared by the page benchmarks: Chromium's main-thread busy time per animation frame, and the
// build of the seed notebook's approach (bench/seed-approach.ts), their common baseline.
import * as esbuild from "esbuild";

/** Animation frames measured per case, unless a case asks for fewer. */
export const FRAMES = 120;
/** No measurement waits longer than this for its animation frames (a stalled page still answers). */
const MEASURE_TIMEOUT_MS = 60_000;

/**
 * TaskDuration (Chromium's main-thread busy time, from CDP Performance.getMetrics) per animation
 * frame over `frames` animation frames, and frames shown per second over the same time. `shown` runs
 * in the page and answers how many frames the plot(s) have shown so far. If the animation frames
 * do not all come within a minute, it divides by those that did.
 *
 * @param {import("playwright-core").Page} page
 * @param {() => number} shown
 * @param {number} [frames]
 * @returns {Promise<{ msPerFrame: number, fps: number }>}
 */
export async function measure(page, shown, frames = FRAMES) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("Performance.enable");
    const busy = async () => {
      const metric = (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration");
      if (!metric) throw new Error("Chromium reports no TaskDuration metric");
      return metric.value;
    };
    const before = { busy: await busy(), shown: await page.evaluate(shown), at: await page.evaluate(() => performance.now()) };
    const counted = await page.evaluate(
      ([count, timeoutMs]) =>
        new Promise((done) => {
          let seen = 0;
          const timer = setTimeout(() => done(seen), timeoutMs);
          const tick = () => {
            if (++seen >= count) {
              clearTimeout(timer);
              done(seen);
            } else requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        }),
      [frames, MEASURE_TIMEOUT_MS],
    );
    const after = { busy: await busy(), shown: await page.evaluate(shown), at: await page.evaluate(() => performance.now()) };
    const seconds = (after.at - before.at) / 1000;
    return { msPerFrame: ((after.busy - before.busy) * 1000) / Math.max(1, counted), fps: (after.shown - before.shown) / seconds };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Bundles bench/seed-approach.ts to build/bench/seed-approach.js (bench/frame-cost.html loads it). */
export async function buildSeedApproach() {
  await esbuild.build({
    entryPoints: ["bench/seed-approach.ts"],
    bundle: true,
    format: "esm",
    outfile: "build/bench/seed-approach.js",
    keepNames: true,
    logLevel: "warning",
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false, verbatimModuleSyntax: true } },
  });
}
