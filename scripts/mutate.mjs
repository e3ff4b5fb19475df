// `npm run mutate`: mutation testing (StrykerJS, stryker.config.mjs) of src/worker and src/protocol,
// one group of modules at a time. Stryker slows every module it mutates (each expression asks which
// mutant is active), so a run that mutated everything would run every test slowly; a group's run
// leaves the rest of the engine at full speed. Each group keeps its own incremental results; the
// reports are merged into reports/mutation/mutation.json, and the run fails under 80 %.
//   npm run mutate                 every group, incrementally
//   npm run mutate -- reduction    some groups
//   npm run mutate -- --force      every mutant again (about an hour and a half on 2 cores)
//   npm run mutate -- --report     only merge the groups' latest reports and print the scores
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { GROUPS } from "./mutate-groups.mjs";


const THRESHOLD = 80;
const DIR = "reports/mutation";

const args = process.argv.slice(2);
const named = args.filter((arg) => !arg.startsWith("--"));
const unknown = named.filter((name) => !Object.hasOwn(GROUPS, name));
if (unknown.length) {
  console.error(`unknown group ${unknown.join(", ")}: the groups are ${Object.keys(GROUPS).join(", ")}`);
  process.exit(2);
}
mkdirSync(`${DIR}/groups`, { recursive: true });
// --report merges the groups' latest reports without running anything.
const toRun = args.includes("--report") ? [] : named.length ? named : Object.keys(GROUPS);
for (const group of toRun) {
  console.log(`\n# mutation group ${group}: ${GROUPS[group].join(" ")}`);
  const run = spawnSync("npx", ["stryker", "run", ...args.filter((arg) => arg.startsWith("--") && arg !== "--report")], {
    stdio: "inherit",
    env: { ...process.env, LIVE_PLOT_MUTATE_GROUP: group },
  });
  if (run.status !== 0) {
    console.error(`the mutation run of group ${group} failed (exit ${run.status})`);
    process.exit(1);
  }
}

// One report of every group, as Stryker's JSON schema has it: files by path, each with its mutants.
const report = { schemaVersion: "1", thresholds: { high: 90, low: THRESHOLD }, files: {} };
const rows = [];
for (const group of Object.keys(GROUPS)) {
  let part;
  try {
    part = JSON.parse(readFileSync(`${DIR}/groups/${group}.json`, "utf8"));
  } catch {
    rows.push([group, "not run"]);
    continue;
  }
  Object.assign(report.files, part.files);
  rows.push([group, score(Object.values(part.files))]);
}
writeFileSync(`${DIR}/mutation.json`, JSON.stringify(report));
const total = score(Object.values(report.files));
for (const [group, result] of rows) console.log(`${group.padEnd(14)} ${typeof result === "string" ? result : format(result)}`);
console.log(`${"all".padEnd(14)} ${format(total)}`);
if (rows.some(([, result]) => typeof result === "string") || total.score < THRESHOLD) {
  console.error(`mutation score ${total.score.toFixed(2)} %: under ${THRESHOLD} %, or a group has no report`);
  process.exit(1);
}

/** Stryker's mutation score: detected (killed or timed out) over valid mutants (ignored and errors aside). */
function score(files) {
  const count = { detected: 0, survived: 0, noCoverage: 0, ignored: 0 };
  for (const file of files) {
    for (const { status } of file.mutants) {
      if (status === "Killed" || status === "Timeout") count.detected++;
      else if (status === "Survived") count.survived++;
      else if (status === "NoCoverage") count.noCoverage++;
      else count.ignored++;
    }
  }
  const valid = count.detected + count.survived + count.noCoverage;
  return { ...count, score: valid ? (100 * count.detected) / valid : 0 };
}

function format({ score, detected, survived, noCoverage, ignored }) {
  return `${score.toFixed(2).padStart(6)} %  (${detected} detected, ${survived} survived, ${noCoverage} without coverage, ${ignored} ignored)`;
}
