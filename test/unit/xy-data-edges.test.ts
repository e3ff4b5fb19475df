// Data input at its edges: the point limit, a first line that is only partly text, tab-separated
// quoted fields, and quoted blanks, which are not zeros.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_DATA_POINTS, checkXY, parseXYCsv } from "../../src/worker/jobs/xy-data.js";
import { failsWith } from "./fails-with.js";

test("checkXY: more than 10⁷ points is refused before anything is copied", () => {
  const many = new Float64Array(MAX_DATA_POINTS + 1);
  assert.throws(() => checkXY("regression", many, many), failsWith("invalid-params", /^regression: at most 10000000 points, got 10000001$/));
});

test("parseXYCsv: a first line with one number is data gone wrong, not a header", async () => {
  await assert.rejects(parseXYCsv("x,1\n1,2\n3,4", "a.csv"), failsWith("invalid-data", /^a\.csv line 1: expected two numbers/));
});

test("parseXYCsv: quoted fields separated by tabs or semicolons", async () => {
  assert.deepEqual(await parseXYCsv('"1"\t"2"\n"3";"4"', "a.csv"), { x: [1, 3], y: [2, 4] });
});

test("parseXYCsv: a quoted blank is no number, first or last on its line", async () => {
  for (const line of ['" ",2', '2," "']) {
    await assert.rejects(parseXYCsv(`1,2\n${line}\n3,4`, "a.csv"), failsWith("invalid-data", /^a\.csv line 2: expected two numbers/), line);
  }
});
