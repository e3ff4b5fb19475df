// Builds the package in dist/: live-plot.js (one self-contained ES module, the engine worker inlined),
// live-plot.worker.js (the same worker as a file, for engine-url), types/ (declarations) and
// custom-elements.json (the manifest). `--tests` also compiles test/unit for node; `--unit-tests`
// compiles only those.
import * as esbuild from "esbuild";
import { cpSync, rmSync } from "node:fs";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { writeManifest } from "./scripts/manifest.mjs";

/** @type {import("esbuild").BuildOptions} */
const common = {
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  // BokehJS registers models by class name: minified names would break that.
  keepNames: true,
  legalComments: "none",
  logLevel: "warning",
  // Not tsconfig.json: its "paths" point odex at type declarations, for tsc only.
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: false, verbatimModuleSyntax: true } },
};

/** BokehJS loads MathJax (~1.8 MB) through a dynamic import for TeX labels; we never use them. */
const withoutMathJax = {
  name: "without-mathjax",
  setup(build) {
    build.onResolve({ filter: /^\.\/mathjax$/ }, (args) =>
      args.importer.includes("@bokeh") ? { path: "mathjax", namespace: "without-mathjax" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "without-mathjax" }, () => ({
      // BokehJS treats MODULE_NOT_FOUND as "no MathJax here" and carries on.
      contents: `const error = new Error("MathJax is not bundled with live-plot"); error.code = "MODULE_NOT_FOUND"; throw error;`,
    }));
  },
};

/** Provides the worker's bundled source, and how to start it ("module" or "classic"), as "virtual:engine-source". */
const engineSource = (source, workerType) => ({
  name: "engine-source",
  setup(build) {
    build.onResolve({ filter: /^virtual:engine-source$/ }, () => ({ path: "engine-source", namespace: "engine-source" }));
    build.onLoad({ filter: /.*/, namespace: "engine-source" }, () => ({ contents: `export default ${JSON.stringify(source)}; export const workerType = ${JSON.stringify(workerType)};` }));
  },
});

async function buildLibrary() {
  await mkdir("dist", { recursive: true });
  const worker = await esbuild.build({ ...common, entryPoints: ["src/worker/main.ts"], write: false });
  const workerSource = worker.outputFiles[0].text;
  await writeFile("dist/live-plot.worker.js", workerSource);
  await esbuild.build({
    ...common,
    entryPoints: ["src/ui/index.ts"],
    outfile: "dist/live-plot.js",
    plugins: [withoutMathJax, engineSource(workerSource, "module")],
  });
  // For pages opened from a file (file://), where browsers refuse module scripts and module workers:
  // a classic script, with the engine inlined as a classic worker script.
  const classicWorker = await esbuild.build({ ...common, format: "iife", entryPoints: ["src/worker/main.ts"], write: false });
  await esbuild.build({
    ...common,
    format: "iife",
    entryPoints: ["src/ui/index.ts"],
    outfile: "dist/live-plot.classic.js",
    plugins: [withoutMathJax, engineSource(classicWorker.outputFiles[0].text, "classic")],
  });
  // The "node" export condition's module: the same exports, no DOM touched (src/frameworks/node.ts).
  await esbuild.build({ ...common, entryPoints: ["src/frameworks/node.ts"], outfile: "dist/live-plot.node.js" });
  const bundle = await readFile("dist/live-plot.js");
  const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
  console.log(`dist/live-plot.js  ${kb(bundle.length)} (${kb(gzipSync(bundle).length)} gzipped), worker ${kb(workerSource.length)} inside`);
}

/** Unit tests import TypeScript sources: bundle each test file for node (in build/test/unit). */
async function buildUnitTests() {
  const dir = "test/unit";
  const entryPoints = (await readdir(dir)).filter((name) => name.endsWith(".test.ts")).map((name) => join(dir, name));
  await rm("build/test", { recursive: true, force: true });
  await esbuild.build({
    bundle: true,
    format: "esm",
    tsconfigRaw: common.tsconfigRaw,
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "warning",
    entryPoints,
    outdir: "build/test/unit",
    outExtension: { ".js": ".mjs" },
  });
}

/** The unit tests, and the test pages' scripts for the browser. */
async function buildTests() {
  await buildUnitTests();
  await esbuild.build({ ...common, entryPoints: ["test/browser/full-draw.ts"], outdir: "build/test/pages", plugins: [withoutMathJax] });
}

/** The benchmark page's script (demos/bench.html, served by `npm start`): BokehJS, uPlot and the jobs, for the main thread. */
async function buildBenchPage() {
  await esbuild.build({ ...common, entryPoints: ["bench/page/main.ts"], outfile: "build/bench/bench-page.js", plugins: [withoutMathJax] });
}

/** Declarations of the public surface only (src/public-types.ts), so users need no BokehJS or Lit types. */
function buildTypes() {
  rmSync("dist/types", { recursive: true, force: true });
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.types.json"], { stdio: "inherit" });
  // The opt-in typings for React and Vue ("live-plot/react", "live-plot/vue"), written by hand.
  cpSync("src/frameworks", "dist/types/frameworks", { recursive: true, filter: (path) => !path.endsWith(".ts") || path.endsWith(".d.ts") });
}

if (process.argv.includes("--unit-tests")) {
  // Only the unit tests (the mutation run rebuilds them from its instrumented sources).
  await buildUnitTests();
} else {
  await buildLibrary();
  await buildBenchPage();
  buildTypes();
  await writeManifest();
  if (process.argv.includes("--tests")) await buildTests();
}
