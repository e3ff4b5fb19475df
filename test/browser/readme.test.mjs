// Every example in README.md runs as written: each page or module is taken from README's text,
// put beside the built files in a scratch site, and opened as a user would (served, or from a file).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { serve } from "../../scripts/serve.mjs";
import { browserSuite, waitForMoreFrames, waitForState } from "./harness.mjs";

const NO_BLOB_WORKERS = "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'";
const suite = browserSuite();
const readme = await readFile("README.md", "utf8");
const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map(([, lang, code]) => ({ lang, code }));

/** The README block that `matches`, failing the test if README has none. */
function block(matches, what) {
  const found = blocks.find(matches);
  assert.ok(found, `README shows ${what}`);
  return found.code;
}

const scratch = await mkdtemp(join(tmpdir(), "live-plot-readme-"));
after(() => rm(scratch, { recursive: true, force: true }));
let sites = 0;

/** A scratch site holding the built files and `files`, served (with `policy` as its CSP, if any). */
async function site(files, policy) {
  const root = join(scratch, String(sites++));
  await rm(root, { recursive: true, force: true });
  await import("node:fs/promises").then(({ mkdir }) => mkdir(root, { recursive: true }));
  for (const built of ["live-plot.js", "live-plot.worker.js", "live-plot.classic.js"]) await copyFile(join("dist", built), join(root, built));
  // The browser asks for a favicon: an empty one keeps a 404 out of the console.
  for (const [name, text] of Object.entries({ "favicon.ico": "", ...files })) await writeFile(join(root, name), text);
  const { server, url } = await serve({ root, headers: () => (policy ? { "content-security-policy": policy } : {}) });
  after(() => server.close());
  return { root, url };
}

/** Opens `url` and waits until every plot on it runs and has drawn frames; answers the page and what it logged. */
async function openAndRun(url) {
  const page = await suite.browser.newPage();
  const logged = [];
  page.on("console", (message) => logged.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => logged.push(`uncaught: ${error.message}`));
  await page.goto(url);
  const count = await page.evaluate(() => document.querySelectorAll("live-plot").length);
  assert.ok(count > 0, "the page has plots");
  for (let i = 0; i < count; i++) {
    const selector = `live-plot:nth-of-type(${i + 1})`;
    await waitForState(page, selector, "running");
    await waitForMoreFrames(page, selector, 5);
  }
  return { page, logged };
}

test("README's one-tag example at the top runs as written", async () => {
  const page = block(({ lang, code }) => lang === "html" && code.includes('<live-plot job="wave" autostart controls stats>'), "the one-tag example");
  const { url } = await site({ "index.html": page });
  const { page: opened, logged } = await openAndRun(`${url}/index.html`);
  assert.equal(await opened.evaluate(() => document.querySelector("live-plot").shadowRoot.querySelector('[part="stats"]') !== null), true, "stats shown");
  assert.deepEqual(logged, []);
  await opened.close();
});

test("README's drop-in page and its app.js run as written: both plots, the stats line logged, the live params", async () => {
  const page = block(({ lang, code }) => lang === "html" && code.startsWith("<!doctype html>") && code.includes("app.js"), "the drop-in page");
  const app = block(({ lang, code }) => lang === "js" && code.startsWith("// app.js"), "app.js");
  const { url } = await site({ "index.html": page, "app.js": app });
  const { page: opened, logged } = await openAndRun(`${url}/index.html`);
  await opened.waitForFunction(() => document.querySelector("live-plot").params.frequency === 5);
  await opened.waitForFunction(() => document.querySelector("live-plot").stats.fps > 0);
  // app.js logs the frame rate from live-plot-stats (twice a second): "NN fps" lines, nothing else.
  while (logged.length === 0) await opened.evaluate(() => new Promise((frame) => requestAnimationFrame(frame)));
  assert.ok(logged.every((line) => /^log: \d+ fps$/.test(line)), logged.join("\n"));
  await opened.close();
});

test("README's file:// example runs from a double-clicked file", async () => {
  const page = block(({ lang, code }) => lang === "html" && code.includes("live-plot.classic.js"), "the file:// example");
  const { root } = await site({ "index.html": page });
  const { page: opened, logged } = await openAndRun(pathToFileURL(join(root, "index.html")).href);
  assert.deepEqual(logged, []);
  await opened.close();
});

test("README's meta tag gives the engine's URL where blob: workers are forbidden", async () => {
  const meta = block(({ lang, code }) => lang === "html" && code.includes('name="live-plot-engine-url"'), "the engine-url meta tag");
  const { url } = await site({ "index.html": `${meta}<live-plot job="wave" autostart></live-plot>\n<script type="module" src="live-plot.js"></script>\n` }, NO_BLOB_WORKERS);
  const { page: opened, logged } = await openAndRun(`${url}/index.html`);
  assert.deepEqual(logged, []);
  await opened.close();
});

// The JavaScript examples that name their tag in a first comment line: `// file.js: <live-plot …>`
// (the code is that file, next to the page) or `// <live-plot …>` (the code is the page's script).
const tagged = blocks.filter(({ lang, code }) => lang === "js" && /^\/\/ (\S+\.js: )?<live-plot [^\n]*>/.test(code));
test("README has its tagged JavaScript examples", () => {
  assert.deepEqual(tagged.map(({ code }) => /^\/\/ (?:(\S+\.js): )?<live-plot [^>]*job="([^"]+)"/.exec(code)?.slice(1)), [
    [undefined, "stream"],
    ["pendulum.js", "ode"],
    ["random-walk.js", "./random-walk.js"],
  ]);
});
for (const { code } of tagged) {
  const [, file, tag] = /^\/\/ (?:(\S+\.js): )?(<live-plot [^\n]*>)/.exec(code);
  test(`README's example ${file ?? tag.slice(0, 40)} runs as written`, async () => {
    const element = tag.endsWith("</live-plot>") ? tag : `${tag}</live-plot>`;
    const page = file
      ? `${element}\n<script type="module" src="live-plot.js"></script>\n`
      : `${element}\n<script type="module" src="live-plot.js"></script>\n<script type="module">\n${code}</script>\n`;
    const { url } = await site({ "index.html": page, ...(file ? { [file]: code } : {}) });
    const { page: opened, logged } = await openAndRun(`${url}/index.html`);
    const snapshot = await opened.evaluate(() => document.querySelector("live-plot").snapshot());
    assert.ok(Object.keys(snapshot).length > 0, JSON.stringify(snapshot));
    if (!file) await opened.waitForFunction(async () => (await document.querySelector("live-plot").snapshot()).appended > 10, null, { polling: 100 });
    assert.deepEqual(logged, []);
    await opened.close();
  });
}
