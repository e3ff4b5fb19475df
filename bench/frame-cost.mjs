// Main-thread cost per displayed frame, and frames shown per second, for an animated sine wave of N
// points: <live-plot> (numerics in the worker, series reduced to the plot's pixel columns) against
// the seed notebook's approach (numerics on the main thread, all N points to BokehJS each frame),
// both measured in this run. Run with `npm run bench`; takes ~40 s.
import os from "node:os";
import { launchChromium } from "../scripts/chromium.mjs";
import { serve } from "../scripts/serve.mjs";
import { buildSeedApproach, measure } from "./measure.mjs";

const SIZES = [1_000, 100_000, 1_000_000];
/** The plot has shown WARM_FRAMES before the measurement (FRAMES animation frames, bench/measure.mjs). */
const WARM_FRAMES = 30;

async function livePlot(browser, url, n) {
  const page = await browser.newPage({ viewport: { width: 900, height: 400 } });
  await page.goto(`${url}/bench/frame-cost.html`);
  await page.evaluate((n) => document.body.insertAdjacentHTML("beforeend", `<live-plot job="wave" params='{"points": ${n}}' width="800" height="200" autostart></live-plot>`), n);
  await page.waitForFunction((warm) => document.querySelector("live-plot")?.stats.frames >= warm, WARM_FRAMES, { timeout: 60_000 });
  const result = await measure(page, () => document.querySelector("live-plot").stats.frames);
  await page.close();
  return result;
}

async function seedApproach(browser, url, n) {
  const page = await browser.newPage({ viewport: { width: 900, height: 400 } });
  await page.goto(`${url}/bench/frame-cost.html`);
  await page.waitForFunction(() => typeof window.runSeed === "function");
  await page.evaluate(async (n) => {
    const container = document.createElement("div");
    document.body.append(container);
    window.seedShown = await window.runSeed(container, n);
  }, n);
  await page.waitForFunction((warm) => window.seedShown() >= warm, WARM_FRAMES, { timeout: 120_000 });
  const result = await measure(page, () => window.seedShown());
  await page.close();
  return result;
}

async function main() {
  await buildSeedApproach();
  const { server, url } = await serve();
  const browser = await launchChromium();
  try {
    const cpus = os.cpus();
    console.log("Main-thread cost per frame, sine wave of N points, 800x200 plot (lower is better; fps: frames shown per second)");
    console.log(`machine   ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, Chromium ${browser.version()}, headless (60 Hz animation frames)`);
    console.log("N".padStart(9), "live-plot ms".padStart(13), "fps".padStart(5), "seed ms".padStart(9), "fps".padStart(5), "ratio (live/seed ms)".padStart(21));
    for (const n of SIZES) {
      const live = await livePlot(browser, url, n);
      const seed = await seedApproach(browser, url, n);
      console.log(
        String(n).padStart(9),
        live.msPerFrame.toFixed(2).padStart(13),
        live.fps.toFixed(0).padStart(5),
        seed.msPerFrame.toFixed(2).padStart(9),
        seed.fps.toFixed(0).padStart(5),
        (live.msPerFrame / seed.msPerFrame).toPrecision(2).padStart(21),
      );
    }
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
