// Browser-test harness: the repository served on loopback, Debian's Chromium driven by
// playwright-core, and a record of everything the page logs as an error.
import { after, before } from "node:test";
import assert from "node:assert/strict";
import { launchChromium } from "../../scripts/chromium.mjs";
import { serve } from "../../scripts/serve.mjs";

/** The hardwareConcurrency every test page sees, when LIVE_PLOT_CORES is set. */
const CORES = process.env.LIVE_PLOT_CORES ? Number(process.env.LIVE_PLOT_CORES) : undefined;

/**
 * Registers before/after hooks for one test file and returns a context whose `page()` opens a
 * fresh page on `path`, collecting console errors and uncaught exceptions in `errors`, and every
 * console line in `messages`.
 */
/** @param {{headers?: (path: string) => Record<string, string>}} [options] */
export function browserSuite({ headers } = {}) {
  const context = {
    url: "",
    /** @type {import("playwright-core").Browser} */
    browser: undefined,
    /** @type {import("node:http").Server} */
    server: undefined,
    open,
  };
  before(async () => {
    ({ server: context.server, url: context.url } = await serve({ headers }));
    context.browser = await launchChromium();
  });
  after(async () => {
    await context.browser?.close();
    context.server?.close();
  });
  /**
   * `init` runs in the page before its own scripts (page.addInitScript). `cores` is the
   * navigator.hardwareConcurrency the page sees (by default LIVE_PLOT_CORES from the environment,
   * else the machine's): the suite must pass with any.
   * @param {string} path
   * @param {{viewport?: {width: number, height: number}, init?: Parameters<import("playwright-core").Page["addInitScript"]>[0], cores?: number}} [options]
   */
  async function open(path, { viewport = { width: 900, height: 700 }, init, cores = CORES } = {}) {
    const page = await context.browser.newPage({ viewport });
    if (cores) await page.addInitScript((n) => Object.defineProperty(Navigator.prototype, "hardwareConcurrency", { configurable: true, get: () => n }), cores);
    const errors = [];
    /** Every console line, of any type: normal operation writes none. */
    const messages = [];
    page.on("console", (message) => {
      messages.push(`${message.type()}: ${message.text()}`);
      if (message.type() === "error") errors.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
    if (init) await page.addInitScript(init);
    const response = await page.goto(context.url + path);
    return {
      page,
      response,
      errors,
      messages,
      /** Closes the page after checking that it logged no error. */
      async close() {
        await page.close();
        assert.deepEqual(errors, [], "the page logged errors");
      },
    };
  }
  return context;
}

/** Waits until `count` more animation frames have run in the page: a wait for events, not for time. */
export function animationFrames(page, count) {
  return page.evaluate(
    (n) =>
      new Promise((resolve) => {
        const tick = () => (--n <= 0 ? resolve(undefined) : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
    count,
  );
}

export function waitForState(page, selector, state) {
  return page.waitForFunction(([s, wanted]) => document.querySelector(s)?.state === wanted, [selector, state]);
}

/** Waits until the element has shown at least `count` more frames than it had. */
export async function waitForMoreFrames(page, selector, count) {
  const start = await page.evaluate((s) => document.querySelector(s).stats.frames, selector);
  await page.waitForFunction(([s, target]) => document.querySelector(s).stats.frames >= target, [selector, start + count]);
}

/** The plot's pixels (its BokehJS canvas region only, without controls or stats). */
export function plotPixels(page, selector) {
  return page.locator(`${selector} .plot`).screenshot();
}

/** How many of a PNG's pixels match `rgb` within 2 per channel (null matches anything), decoded by the page. */
export function countPixels(page, png, rgb) {
  return page.evaluate(
    async ([data, rgb]) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${data}`)).blob());
      const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext("2d");
      context.drawImage(bitmap, 0, 0);
      const { data: bytes } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      let hits = 0;
      for (let i = 0; i < bytes.length; i += 4) {
        if (rgb.every((c, k) => c === null || Math.abs(bytes[i + k] - c) <= 2)) hits++;
      }
      return hits;
    },
    [png.toString("base64"), rgb],
  );
}

/**
 * Where a PNG holds `rgb` (within `tolerance` per channel): for each pixel column the first and last
 * row that does (-1 where none does), and each row's count. Decoded by the page.
 * @returns {Promise<{width: number, height: number, top: number[], bottom: number[], rows: number[]}>}
 */
export function colourExtents(page, png, rgb, tolerance = 40) {
  return page.evaluate(
    async ([data, rgb, tolerance]) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${data}`)).blob());
      const { width, height } = bitmap;
      const context = new OffscreenCanvas(width, height).getContext("2d");
      context.drawImage(bitmap, 0, 0);
      const { data: bytes } = context.getImageData(0, 0, width, height);
      const top = new Array(width).fill(-1);
      const bottom = new Array(width).fill(-1);
      const rows = new Array(height).fill(0);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const i = 4 * (y * width + x);
          if (!rgb.every((c, k) => Math.abs(bytes[i + k] - c) <= tolerance)) continue;
          if (top[x] < 0) top[x] = y;
          bottom[x] = y;
          rows[y]++;
        }
      }
      return { width, height, top, bottom, rows };
    },
    [png.toString("base64"), rgb, tolerance],
  );
}

/**
 * Adds `<live-plot id=…>` with `attributes` (strings as they are, anything else as JSON) to
 * `parent` (default: the body). Its state, finished and error events are recorded in
 * `window.events[id]`, listened to before it connects.
 */
export async function addPlot(page, id, attributes, { parent = "body", style = {} } = {}) {
  const texts = Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, typeof value === "string" ? value : JSON.stringify(value)]));
  await page.evaluate(
    ([id, attributes, parent, style]) => {
      const element = document.createElement("live-plot");
      element.id = id;
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      for (const [name, value] of Object.entries(style)) element.style.setProperty(name, value);
      const log = ((window.events ??= {})[id] = []);
      for (const type of ["live-plot-state", "live-plot-finished", "live-plot-error"]) {
        element.addEventListener(type, (event) => log.push({ type, detail: event.detail }));
      }
      document.querySelector(parent).append(element);
    },
    [id, texts, parent, style],
  );
}

/** The first recorded event of element `id` among `types`, once there is one: `{type, detail}`. */
export async function firstEvent(page, id, ...types) {
  const handle = await page.waitForFunction(([id, types]) => window.events[id].find((event) => types.includes(event.type)), [id, types]);
  return handle.jsonValue();
}

/**
 * Waits until `predicate(snapshot, arg)` holds for the element's `snapshot()`, asked once per animation
 * frame in the page (page.waitForFunction cannot wait on a promise: it takes one as true).
 */
export async function waitForSnapshot(page, selector, predicate, arg, { frames = 900 } = {}) {
  const held = await page.evaluate(
    async ([selector, source, arg, frames]) => {
      const test = new Function(`return (${source})`)();
      for (let i = 0; i < frames; i++) {
        if (test(await document.querySelector(selector).snapshot(), arg)) return true;
        await new Promise(requestAnimationFrame);
      }
      return false;
    },
    [selector, predicate.toString(), arg, frames],
  );
  assert.ok(held, `${selector}: the snapshot never satisfied ${predicate}`);
}
