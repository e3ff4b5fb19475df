// Mutation testing of the engine (src/worker) and the protocol (src/protocol): `npm run mutate`.
// README (Development) states the score and what is left out. The unit tests run from their
// TypeScript through tsx, each test file one "test" to Stryker (the tap runner), in processes that
// inherit this environment.
import { GROUPS } from "./scripts/mutate-groups.mjs";

process.env.TSX_TSCONFIG_PATH = "tsconfig.tsx.json";

// scripts/mutate.mjs runs one group of modules at a time (LIVE_PLOT_MUTATE_GROUP); alone, Stryker
// mutates them all at once.
const group = process.env.LIVE_PLOT_MUTATE_GROUP;
const reportName = group ?? "all";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "tap",
  tap: { testFiles: ["test/unit/*.test.ts"], nodeArgs: ["--import", "tsx"], forceBail: true },
  mutate: [
    ...(group ? GROUPS[group] : ["src/worker/**/*.ts", "src/protocol/**/*.ts"]),
    // The worker's entry point only exposes the engine to Comlink: the browser tests cover it.
    "!src/worker/main.ts",
    // Types and re-exports only.
    "!src/protocol/{index,types}.ts",
  ],
  // bench/ stays: the benchmark's statistics have unit tests of their own.
  ignorePatterns: ["dist", "build", "reports", "bench/results", "demos", "scripts", "test/browser", "test/pages", ".ci"],
  coverageAnalysis: "perTest",
  // Mutants in code that runs when a module loads (constant tables, palettes) cannot be traced to
  // the tests that cover them, so each would run every test file: Stryker ignores them (reported
  // as "ignored"); the tables themselves are checked by the tests of what reads them.
  ignoreStatic: true,
  concurrency: 2,
  // Only mutants in code or tests changed since the stored results run again: a full run takes an
  // hour on 2 cores, an incremental one minutes. `npm run mutate -- --force` runs them all.
  incremental: true,
  incrementalFile: `reports/mutation/groups/${reportName}.incremental.json`,
  reporters: ["json", "html", "clear-text", "progress-append-only"],
  jsonReporter: { fileName: `reports/mutation/groups/${reportName}.json` },
  htmlReporter: { fileName: `reports/mutation/groups/${reportName}.html` },
  clearTextReporter: { reportMutants: false },
  // scripts/mutate.mjs judges the score of all groups together.
  thresholds: { high: 90, low: 80, break: group ? null : 80 },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  // Stryker would rewrite the tsconfig it names with TypeScript's JS API, which TypeScript 7 no
  // longer has; tsx needs no rewrite, so it names none.
  tsconfigFile: "tsconfig.stryker-none.json",
  disableTypeChecks: "src/**/*.ts",
};
