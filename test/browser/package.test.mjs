// The npm package as a user gets it: `npm pack`, installed into a scratch project, type-checked
// against its declarations, and loaded in the browser by its bare name.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { serve } from "../../scripts/serve.mjs";
import { browserSuite, waitForMoreFrames, waitForState } from "./harness.mjs";

const suite = browserSuite();
const npm = (args, cwd) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

test("npm pack gives a package that installs alone, type-checks, and runs by its bare name", async (t) => {
  const scratch = await mkdtemp(join(tmpdir(), "live-plot-package-"));
  t.after(() => rm(scratch, { recursive: true, force: true }));
  const tarball = join(scratch, JSON.parse(npm(["pack", "--json", "--pack-destination", scratch], process.cwd()))[0].filename);

  const project = join(scratch, "app");
  await cp("test/pages/package", project, { recursive: true });
  await writeFile(join(project, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  // The bundle is self-contained: the package has no dependencies, so this needs no registry.
  npm(["install", "--offline", "--no-audit", "--no-fund", tarball], project);
  const installed = join(project, "node_modules", "live-plot");
  const manifest = JSON.parse(await readFile(join(installed, "package.json"), "utf8"));
  assert.equal(manifest.dependencies, undefined, "no runtime dependencies");
  for (const file of ["dist/live-plot.js", "dist/live-plot.worker.js", "dist/custom-elements.json", "dist/types/public-types.d.ts"]) {
    assert.ok(existsSync(join(installed, file)), `${file} is in the package`);
  }
  assert.ok(!existsSync(join(installed, "src")), "sources stay out of the package");

  const elements = JSON.parse(await readFile(join(installed, manifest.customElements), "utf8"));
  const declaration = elements.modules[0].declarations.find((d) => d.tagName === "live-plot");
  assert.ok(declaration.attributes.some((a) => a.name === "max-points"));
  assert.ok(declaration.members.some((m) => m.name === "snapshot" && m.kind === "method"));
  assert.deepEqual(declaration.events.map((e) => e.name).sort(), ["live-plot-error", "live-plot-finished", "live-plot-ready", "live-plot-restarted", "live-plot-state", "live-plot-stats", "live-plot-view"]);
  assert.ok(declaration.cssParts.some((p) => p.name === "controls"));

  await writeFile(
    join(project, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: "esnext", moduleResolution: "bundler", target: "es2022", lib: ["es2022", "dom"], skipLibCheck: false }, files: ["consumer.ts"] }),
  );
  execFileSync(process.execPath, [resolve("node_modules/typescript/bin/tsc"), "-p", project], { encoding: "utf8" });

  const { server, url } = await serve({ root: project });
  t.after(() => server.close());
  const page = await suite.browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  await page.goto(`${url}/index.html`);
  await waitForState(page, "#w", "running");
  await waitForMoreFrames(page, "#w", 5);
  assert.deepEqual(await page.evaluate(() => window.imported), { defined: true, error: "timeout" });
  await page.close();
  assert.deepEqual(errors, []);
});
