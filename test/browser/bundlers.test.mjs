// A job module written in TypeScript, shipped through Vite's production build as README says (an
// entry of its own, kept as an ES module), runs; the same module given as TypeScript source (what
// Vite's `?url` inlines for a small .ts file) fails with a message that says so, short.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { build } from "vite";
import { serve } from "../../scripts/serve.mjs";
import { browserSuite, waitForMoreFrames, waitForState } from "./harness.mjs";

const suite = browserSuite();
const FIXTURE = resolve("test/bundlers/vite-job");
const OUT = resolve("build/bundlers/vite-job");

test("a TypeScript job module built by Vite as README says runs in the production build; the fixture type-checks", async () => {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", join(FIXTURE, "tsconfig.json")], { stdio: "pipe" });
  await rm(OUT, { recursive: true, force: true });
  await build({ root: FIXTURE, configFile: join(FIXTURE, "vite.config.js"), logLevel: "silent", build: { outDir: OUT, emptyOutDir: true } });
  const job = await readFile(join(OUT, "walk.js"), "utf8");
  assert.match(job, /export\s*\{\s*\w+ as default\s*\}/, "the job module keeps its default export");
  assert.doesNotMatch(job, /: JobFactory|import type/, "and is JavaScript");
  const { server, url } = await serve({ root: OUT });
  after(() => server.close());
  const page = await suite.browser.newPage();
  const logged = [];
  page.on("console", (message) => logged.push(`${message.type()}: ${message.text()}`));
  await page.goto(`${url}/index.html`);
  await waitForState(page, "#walk", "running");
  await waitForMoreFrames(page, "#walk", 10);
  const snapshot = await page.evaluate(() => document.querySelector("#walk").snapshot());
  assert.ok(snapshot.steps > 0, JSON.stringify(snapshot));
  assert.deepEqual(logged, []);
  await page.close();
});

test("a job module given as TypeScript source, inlined as Vite's ?url does, is invalid-module saying so, without the data: URL", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  const source = await readFile(join(FIXTURE, "walk.ts"), "utf8");
  // What `import url from "./walk.ts?url"` gives in a production build: the file inlined as base64.
  const inlined = `data:video/mp2t;base64,${Buffer.from(source).toString("base64")}`;
  const warnings = [];
  page.on("console", (message) => message.type() === "warning" && warnings.push(message.text()));
  await page.evaluate(([job]) => {
    const plot = document.createElement("live-plot");
    plot.id = "ts";
    plot.setAttribute("job", job);
    document.body.append(plot);
  }, [inlined]);
  await waitForState(page, "#ts", "error");
  const message = await page.locator('#ts [part~="error"]').textContent();
  assert.match(message, /is TypeScript source, which browsers cannot run: give the URL of its JavaScript build/);
  assert.ok(message.length < 400 && !message.includes(inlined.slice(0, 120)), message);
  assert.equal(warnings.length, 1, warnings.join("\n"));
  assert.ok(warnings[0].length < 500 && !warnings[0].includes(inlined.slice(0, 120)), warnings[0]);
  await close();
});
