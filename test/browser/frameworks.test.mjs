// <live-plot> in a React 19 app and a Vue 3 app (test/frameworks/), as a user builds them: the npm
// package packed and installed into a copy of each app, the app type-checked against the package's own
// typings ("live-plot/react", "live-plot/vue"), built by Vite in production mode, and run in Chromium.
// Each app writes the documented attributes in its framework's syntax (`params` as an object, boolean
// `stats`), listens to the element's events with the framework's own event syntax, and changes
// `plot-title` and `params` through framework state. Also: importing the package without a DOM (Node,
// for server rendering) defines nothing and throws nothing; lit-analyzer, on a Lit element using
// <live-plot>, finds its kebab-case attributes in the package's declarations.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { build } from "vite";
import { serve } from "../../scripts/serve.mjs";
import { browserSuite, waitForState } from "./harness.mjs";

const suite = browserSuite();
/** Under the repository, so that the apps find react, react-dom, vue and vite in its node_modules. */
const SCRATCH = resolve("build/frameworks");
const APPS = /** @type {const} */ (["react", "vue"]);

/** @type {Promise<Record<string, {url: string, close: () => void}>> | undefined} */
let prepared;
after(async () => {
  for (const { close } of Object.values((await prepared?.catch(() => undefined)) ?? {})) close();
});

/** Packs the package, installs it once for both app copies, type-checks and builds each app, serves each build. */
function prepare() {
  prepared ??= (async () => {
    await rm(SCRATCH, { recursive: true, force: true });
    await mkdir(SCRATCH, { recursive: true });
    const packDir = await mkdtemp(join(tmpdir(), "live-plot-frameworks-"));
    try {
      const npm = (args, cwd) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      const tarball = join(packDir, JSON.parse(npm(["pack", "--json", "--pack-destination", packDir], process.cwd()))[0].filename);
      await writeFile(join(SCRATCH, "package.json"), JSON.stringify({ name: "framework-apps", private: true, type: "module" }));
      // The package has no dependencies: this needs no registry.
      npm(["install", "--offline", "--no-audit", "--no-fund", "--no-package-lock", tarball], SCRATCH);
    } finally {
      await rm(packDir, { recursive: true, force: true });
    }
    for (const app of [...APPS, "lit"]) await cp(join("test/frameworks", app), join(SCRATCH, app), { recursive: true });
    // The apps' TypeScript, against the installed package's declarations (both at once).
    const tsc = promisify(execFile);
    const checks = APPS.map((app) =>
      tsc(process.execPath, [resolve("node_modules/typescript/bin/tsc"), "-p", join(SCRATCH, app)], { encoding: "utf8" }).catch((error) => {
        throw new Error(`the ${app} app does not type-check against the package:\n${error.stdout}${error.stderr}`);
      }),
    );
    await Promise.all(checks);
    const served = {};
    for (const app of APPS) {
      const root = join(SCRATCH, app);
      const outDir = join(SCRATCH, `${app}-dist`);
      const configFile = join(root, "vite.config.js");
      await build({ root, mode: "production", configFile: existsSync(configFile) ? configFile : false, logLevel: "silent", build: { outDir, emptyOutDir: true } });
      const { server, url } = await serve({ root: outDir });
      served[app] = { url, close: () => server.close() };
    }
    return served;
  })();
  return prepared;
}

/**
 * The wave's frequency as the job computes it, from its full-resolution data: y = sin(f·(x + phase))
 * on x ∈ [0, 4π] changes sign about 4f times. Waits (an animation frame at a time) until it is `wanted`.
 */
async function waitForFrequency(page, wanted) {
  const seen = await page.evaluate(async (wanted) => {
    let frequency;
    for (let i = 0; i < 600; i++) {
      const data = await document.querySelector("#plot").exportData();
      const y = Object.values(data)[0].y;
      let crossings = 0;
      for (let k = 1; k < y.length; k++) if (Math.sign(y[k]) !== Math.sign(y[k - 1])) crossings++;
      frequency = Math.round(crossings / 4);
      if (frequency === wanted) break;
      await new Promise(requestAnimationFrame);
    }
    return frequency;
  }, wanted);
  assert.equal(seen, wanted, "the frequency the job runs with");
}

test("the packed package's typings type-check both apps, with no declarations of their own, and Vite builds them", async () => {
  const served = await prepare();
  assert.deepEqual(Object.keys(served), [...APPS]);
});

for (const app of APPS) {
  const Framework = app === "react" ? "React" : "Vue";
  test(`${Framework}: <live-plot> runs with its attributes, params as an object, stats shown; the app's handlers get its events; state changes reach it`, async (t) => {
    const { url } = (await prepare())[app];
    const page = await suite.browser.newPage({ viewport: { width: 900, height: 700 } });
    const errors = [];
    page.on("console", (message) => message.type() === "error" && errors.push(`console: ${message.text()}`));
    page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
    page.on("requestfailed", (request) => errors.push(`failed: ${request.url()}`));
    page.on("response", (response) => response.status() >= 400 && errors.push(`${response.status()}: ${response.url()}`));
    t.after(() => page.close());
    await page.goto(`${url}/index.html`);

    await waitForState(page, "#plot", "running");
    // The app's own handlers heard the state and the stats, and the app re-rendered from them.
    await page.waitForFunction(() => window.seen.states.includes("running") && window.seen.stats > 0);
    await page.waitForFunction(() => document.querySelector("#state").textContent === "running");
    const seen = await page.evaluate(() => window.seen);
    assert.equal(seen.states.at(-1), "running");
    assert.ok(seen.fps > 0, `fps in the stats event: ${seen.fps}`);

    const shown = await page.evaluate(() => {
      const plot = document.querySelector("#plot");
      return {
        job: plot.job,
        params: plot.params,
        autostart: plot.autostart,
        controls: plot.controls,
        tools: plot.tools,
        showStats: plot.showStats,
        texts: [plot.xLabel, plot.yLabel, plot.yRange],
        size: [plot.width, plot.height, plot.getBoundingClientRect().height >= 250],
        backend: plot.backend,
        maxPoints: plot.maxPoints,
        offscreen: plot.offscreen,
        link: plot.link,
        figures: typeof plot.stats.fps,
        title: plot.getAttribute("plot-title"),
        label: plot.shadowRoot.querySelector('[part~="plot"]').getAttribute("aria-label"),
        buttons: plot.shadowRoot.querySelectorAll('[part~="controls"] button').length,
      };
    });
    assert.deepEqual(shown, {
      job: "wave",
      params: { frequency: 3, speed: 2 },
      autostart: true,
      controls: true,
      tools: true,
      showStats: true,
      texts: ["x", "height", "-2,2"],
      size: [600, 250, true],
      backend: "svg",
      maxPoints: 1000,
      offscreen: "run",
      link: "apps",
      figures: "number",
      title: "A travelling wave",
      label: "A travelling wave",
      buttons: 3,
    });
    // BokehJS's toolbar (tools): a button per tool.
    assert.ok((await page.locator("#plot .plot").locator("[class*='bk-tool-icon']").count()) >= 4, "a toolbar with tools");
    const readout = page.locator('#plot [part~="stats"]');
    assert.ok(await readout.isVisible(), "the stats readout is shown");
    await page.waitForFunction(() => /fps/.test(document.querySelector("#plot").shadowRoot.querySelector('[part~="stats"]').textContent));
    if (app === "vue") {
      // What Vue gives is its reactive proxy of the object, which structuredClone refuses: taken all the same.
      assert.equal(await page.evaluate(() => document.querySelector("#plot").params.__v_isReactive), true);
    }
    // The object reached the job: the wave has frequency 3 (the default is 2).
    await waitForFrequency(page, 3);

    await page.click("#retitle");
    const retitled = `Retitled by ${Framework}`;
    await page.waitForFunction(
      (title) => document.querySelector("#plot").shadowRoot.querySelector('[part~="plot"]').getAttribute("aria-label") === title,
      retitled,
    );
    assert.equal(await page.evaluate(() => document.querySelector("#plot").plotTitle), retitled);

    const before = await page.evaluate(() => window.seen.states.length);
    await page.click("#faster");
    await waitForFrequency(page, 5);
    assert.deepEqual(await page.evaluate(() => document.querySelector("#plot").params), { frequency: 5, speed: 4 });
    // Applied live: the plot kept running, no new start.
    assert.equal(await page.evaluate(() => document.querySelector("#plot").state), "running");
    assert.deepEqual(await page.evaluate((n) => window.seen.states.slice(n), before), []);
    assert.deepEqual(errors, [], "the page logged errors");
  });
}

test("lit-analyzer --strict knows every attribute of <live-plot> from the package's declarations, kebab-case ones included, and their types", async () => {
  await prepare();
  const app = join(SCRATCH, "lit");
  const analyzer = resolve("node_modules/lit-analyzer/cli.js");
  // The file before the flags: lit-analyzer's parser would take it as --strict's value.
  const output = await promisify(execFile)(process.execPath, ["-r", "./typescript5.cjs", analyzer, "app.ts", "--strict", "--noColor"], { cwd: app, encoding: "utf8" }).then(
    ({ stdout }) => stdout,
    // Problems found: exit code 1, the report on stdout.
    (error) => error.stdout,
  );
  const problems = output.split("\n").filter((line) => /^ {4}\S/.test(line) && !/^ {4}(\d+:|no-)/.test(line)).map((line) => line.trim());
  // The two mistakes planted in app.ts's last plot, and not one problem with the documented attributes.
  assert.deepEqual(problems, ["Unknown attribute 'x-rnage'. Did you mean 'x-range'?", `Type '"vml"' is not assignable to '"canvas" | "webgl" | "svg" | undefined'`], output);
});

test("importing the installed package where there is no DOM (Node, server rendering) defines nothing and throws nothing", async () => {
  await prepare();
  const script = `
    const { LivePlot, LivePlotError } = await import("live-plot");
    let constructed = "no error";
    try { new LivePlot(); } catch (error) { constructed = error.message; }
    LivePlot.allowedOrigins = ["https://cdn.example.org"];
    const error = new LivePlotError("invalid-params", "bad");
    console.log(JSON.stringify({
      customElements: typeof globalThis.customElements,
      HTMLElement: typeof globalThis.HTMLElement,
      globalLivePlot: typeof globalThis.LivePlot,
      constructed,
      error: [error instanceof Error, error.code, error.message],
    }));`;
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: SCRATCH, encoding: "utf8" });
  const result = JSON.parse(output);
  assert.equal(result.customElements, "undefined");
  assert.equal(result.HTMLElement, "undefined");
  assert.equal(result.globalLivePlot, "undefined");
  assert.match(result.constructed, /needs a browser/);
  assert.deepEqual(result.error, [true, "invalid-params", "bad"]);
});
