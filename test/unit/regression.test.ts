// The regression job against the seed's reference line, on badly scaled data, diverging, from CSV,
// and with every kind of bad input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { LivePlotError, type ErrorCode } from "../../src/protocol/errors.js";
import type { Job } from "../../src/protocol/types.js";
import { FRAME_MS } from "../../src/worker/engine/frame-time.js";
import { createRegression } from "../../src/worker/jobs/regression.js";
import { parseXYCsv } from "../../src/worker/jobs/xy-data.js";
import { FramePool } from "../../src/worker/engine/frame-pool.js";
import { testContext } from "./context.js";
import { countWorkClock } from "./work-clock.js";

countWorkClock();

const seed = JSON.parse(readFileSync(resolve("test/reference/regression-seed.json"), "utf8")) as {
  x: number[];
  y: number[];
  ols: { slope: number; intercept: number; sse: number };
};
const context = testContext();

/** Relative agreement required with the closed-form least-squares line (issue 4). */
const RELATIVE = 1e-6;

function assertRelative(actual: unknown, expected: number, what: string): void {
  assert.equal(typeof actual, "number", what);
  const error = Math.abs((actual as number) - expected) / Math.abs(expected);
  assert.ok(error <= RELATIVE, `${what} = ${actual}, expected ${expected} within ${RELATIVE} relative (off by ${error.toExponential(2)})`);
}

/** Runs the job frame by frame, as the engine would, until it finishes; answers the frames it took. */
function runToEnd(job: Job, maxFrames = 1_000_000): number {
  let frames = 0;
  while (!job.finished && frames < maxFrames) {
    job.advance(FRAME_MS);
    frames++;
  }
  assert.ok(job.finished, `finished within ${maxFrames} frames`);
  return frames;
}

function olsOf(x: number[], y: number[]): { slope: number; intercept: number } {
  const mx = x.reduce((a, b) => a + b) / x.length;
  const my = y.reduce((a, b) => a + b) / y.length;
  let sxy = 0;
  let sxx = 0;
  x.forEach((xi, i) => {
    sxy += (xi - mx) * (y[i]! - my);
    sxx += (xi - mx) ** 2;
  });
  return { slope: sxy / sxx, intercept: my - (sxy / sxx) * mx };
}

const rejectsWith = (code: ErrorCode, message: RegExp) => (error: unknown) =>
  error instanceof LivePlotError && error.code === code && message.test(error.message);

test("the seed data converges with the defaults, over seconds rather than one frame, to the reference line", async () => {
  const job = await createRegression({ x: seed.x, y: seed.y }, context);
  const frames = runToEnd(job);
  // "Smoothly over a few seconds" at 60 frames per second.
  assert.ok(frames >= 60 && frames <= 600, `took ${frames} frames`);
  const snapshot = job.snapshot();
  assert.equal(snapshot.converged, true);
  assertRelative(snapshot.slope, seed.ols.slope, "slope");
  assertRelative(snapshot.intercept, seed.ols.intercept, "intercept");
  // The reference's SSE is rounded to 6 digits; the exact one comes from the reference line.
  const sse = seed.x.reduce((sum, x, i) => sum + (seed.ols.slope * x + seed.ols.intercept - seed.y[i]!) ** 2, 0);
  assert.ok(Math.abs(sse - seed.ols.sse) < 1e-4, "the reference line's SSE matches the reference");
  assertRelative(snapshot.loss, sse / (2 * seed.x.length), "loss (SSE / 2n)");
});

test("without standardizing, a small learning rate still converges to the reference line", async () => {
  const job = await createRegression({ x: seed.x, y: seed.y, standardize: false, learningRate: 0.02, iterationsPerFrame: 500 }, context);
  runToEnd(job);
  const snapshot = job.snapshot();
  assert.equal(snapshot.converged, true);
  assertRelative(snapshot.slope, seed.ols.slope, "slope");
  assertRelative(snapshot.intercept, seed.ols.intercept, "intercept");
});

test("badly scaled data (x in the thousands) converges with standardize, in the data's own units", async () => {
  const x = seed.x.map((v) => 1000 + v * 250);
  const y = seed.y.map((v) => v * 0.01 - 3);
  const job = await createRegression({ x, y }, context);
  runToEnd(job);
  const expected = olsOf(x, y);
  const snapshot = job.snapshot();
  assert.equal(snapshot.converged, true);
  assertRelative(snapshot.slope, expected.slope, "slope");
  assertRelative(snapshot.intercept, expected.intercept, "intercept");
});

test("a learning rate too large without standardizing diverges into an error that suggests the fix", async () => {
  // The reference notes divergence above a learning rate of about 0.0301 on the raw seed data.
  const job = await createRegression({ x: seed.x, y: seed.y, standardize: false, learningRate: 0.05 }, context);
  assert.throws(() => runToEnd(job, 10_000), rejectsWith("diverged", /smaller learningRate.*standardize/));
});

test("the learning rate changes live, from the next iteration, without restarting", async () => {
  const params = { x: seed.x, y: seed.y, learningRate: 0.01, iterationsPerFrame: 1 };
  const [changed, unchanged] = await Promise.all([createRegression(params, context), createRegression(params, context)]);
  for (const job of [changed, unchanged]) for (let i = 0; i < 10; i++) job.advance(FRAME_MS);
  assert.deepEqual(changed.snapshot(), unchanged.snapshot(), "two runs in the same state");
  assert.equal(changed.update?.({ ...params, learningRate: 0.2 }), true, "applied live");
  changed.advance(FRAME_MS);
  unchanged.advance(FRAME_MS);
  assert.equal(changed.snapshot().iteration, 11, "one more iteration, not a restart");
  assert.ok((changed.snapshot().loss as number) < (unchanged.snapshot().loss as number), "the larger rate took the larger step");
  assert.equal(changed.update?.({ x: [1, 2, 3], y: [1, 2, 3] }), false, "new data needs a restart");
});

test("bad data and params are invalid-params with a message that says what is wrong", async () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ x: [1, 2, 3], y: [1, 2] }, /same length, got 3 and 2/],
    [{ x: [1], y: [1] }, /at least 2 points, got 1/],
    [{ x: [1, "2", 3], y: [1, 2, 3] }, /x\[1\] is "2", not a finite number/],
    [{ x: [1, 2, 3], y: [1, null, 3] }, /y\[1\] is null/],
    [{ x: [1, NaN, 3], y: [1, 2, 3] }, /x\[1\] is NaN, not a finite number/],
    [{ x: [4, 4, 4], y: [1, 2, 3] }, /all x values are equal/],
    [{ y: [1, 2] }, /give data as "x" and "y"/],
    [{ x: seed.x, y: seed.y, learningRate: -1 }, /learningRate must be/],
    [{ x: seed.x, y: seed.y, standardize: "yes" }, /standardize must be true or false/],
    [{ x: seed.x, y: seed.y, csv: "data.csv" }, /either "csv".*or "x" and "y"/],
    [{ x: seed.x, y: seed.y, rate: 1 }, /unknown parameter "rate"/],
  ];
  for (const [params, message] of cases) {
    await assert.rejects(async () => createRegression(params, context), rejectsWith("invalid-params", message), JSON.stringify(params));
  }
});

test("CSV: comma, semicolon, tab or space separated, with a header and comments", async () => {
  assert.deepEqual(await parseXYCsv("x,y\n1,2\n3,4.5\n", "a.csv"), { x: [1, 3], y: [2, 4.5] });
  assert.deepEqual(await parseXYCsv("# measured\nheight (cm); weight\n1;2\r\n\n3 ; 4\n", "b.csv"), { x: [1, 3], y: [2, 4] });
  assert.deepEqual(await parseXYCsv("1\t2\n3\t4", "c.tsv"), { x: [1, 3], y: [2, 4] });
  assert.deepEqual(await parseXYCsv("  1   2\n3 4  ", "d.txt"), { x: [1, 3], y: [2, 4] });
  // RFC 4180: quoted fields, quoted headers with delimiters inside.
  assert.deepEqual(await parseXYCsv('"time, s","value"\r\n"1.5","2"\r\n3,"4e1"\r\n', "e.csv"), { x: [1.5, 3], y: [2, 40] });
});

test("CSV: malformed files are invalid-data naming the file and line", async () => {
  await assert.rejects(async () => parseXYCsv("x,y\n1,2\n3,oops\n", "bad.csv"), rejectsWith("invalid-data", /bad.csv line 3: expected two numbers, got "3,oops"/));
  await assert.rejects(async () => parseXYCsv("1,2,3\n4,5,6\n", "wide.csv"), rejectsWith("invalid-data", /line 1/));
  await assert.rejects(async () => parseXYCsv("x,y\n1,2\n", "short.csv"), rejectsWith("invalid-data", /1 data rows; a line needs at least 2/));
  await assert.rejects(async () => parseXYCsv("x,y\nx,y\n1,2\n", "twoheaders.csv"), rejectsWith("invalid-data", /line 2/));
});

test("CSV loading over HTTP: the seed data from a file fits like the arrays; a missing file is invalid-data", async (t) => {
  const csv = ["x,y", ...seed.x.map((x, i) => `${x},${seed.y[i]}`)].join("\n");
  const server = createServer((request, response) => {
    if (request.url === "/seed.csv") response.writeHead(200, { "content-type": "text/csv" }).end(csv);
    else response.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  t.after(() => server.close());
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data/`;

  const job = await createRegression({ csv: "../seed.csv" }, testContext({ baseUrl }));
  runToEnd(job);
  assertRelative(job.snapshot().slope, seed.ols.slope, "slope from CSV");

  await assert.rejects(async () => createRegression({ csv: "/missing.csv" }, testContext({ baseUrl })), rejectsWith("invalid-data", /could not read .*missing.csv: HTTP 404/));
});

test("frames: data points, the fitted and target lines across the data, a NaN-separated trail, a loss history", async () => {
  const job = await createRegression({ x: seed.x, y: seed.y }, context);
  for (let i = 0; i < 30; i++) job.advance(FRAME_MS);
  const frame = new FramePool(job.scene, 1).take()!;
  job.write(frame);
  assert.equal(frame.data!.length, seed.x.length);
  assert.deepEqual([...frame.data!.columns.x!.subarray(0, seed.x.length)], seed.x);
  const target = frame.target!.columns;
  const slopeOf = (c: typeof target) => (c.y![1]! - c.y![0]!) / (c.x![1]! - c.x![0]!);
  assertRelative(slopeOf(target), seed.ols.slope, "target line's slope");
  assertRelative(slopeOf(frame.fit!.columns), job.snapshot().slope as number, "fitted line's slope");
  const trail = frame.trail!;
  assert.equal(trail.length % 3, 0);
  assert.ok(trail.length >= 3);
  for (let k = 2; k < trail.length; k += 3) assert.ok(Number.isNaN(trail.columns.y![k]), "a NaN ends each trail line");
  const loss = frame.loss!;
  const iterations = loss.columns.iteration!.subarray(0, loss.length);
  const values = loss.columns.loss!.subarray(0, loss.length);
  assert.equal(iterations[0], 0);
  assert.equal(iterations.at(-1), job.snapshot().iteration);
  for (let k = 1; k < values.length; k++) assert.ok(values[k]! <= values[k - 1]!, "the loss falls at a stable learning rate");
});

test("a long run keeps a bounded loss history that still spans it from iteration 0", async () => {
  const job = await createRegression({ x: seed.x, y: seed.y, learningRate: 0.0001, iterationsPerFrame: 1000, maxIterations: 20_000 }, context);
  runToEnd(job);
  assert.equal(job.snapshot().converged, false, "stopped by maxIterations");
  assert.equal(job.snapshot().iteration, 20_000);
  const frame = new FramePool(job.scene, 1).take()!;
  job.write(frame);
  const loss = frame.loss!;
  assert.ok(loss.length <= job.scene.sources.loss!.capacity);
  assert.equal(loss.columns.iteration![0], 0);
  assert.ok(loss.columns.iteration![loss.length - 1]! >= 19_000, "the history reaches the end of the run");
});

test("regression: data whose squares overflow is refused with invalid-data saying what to do, never a NaN fit", async () => {
  const x = [1e200, 2e200, 3e200, 4e200];
  const y = [2e200, 4e200, 5e200, 9e200];
  await assert.rejects(async () => createRegression({ x, y }, testContext()), (error: unknown) => {
    assert.equal((error as LivePlotError).code, "invalid-data");
    assert.match((error as Error).message, /too large for double precision.*divide x and y by a power of ten/);
    return true;
  });
  // Scaled down, the same data fits.
  const job = await createRegression({ x: x.map((v) => v / 1e200), y: y.map((v) => v / 1e200), iterationsPerFrame: 1000 }, testContext());
  job.advance(FRAME_MS);
  assert.ok(Number.isFinite(job.snapshot().slope as number));
});

test("CSV: a file of many rows is read in slices, yielding between them, with every row kept", async () => {
  const rows = 120_001;
  const text = ["x,y", ...Array.from({ length: rows }, (_, i) => `${i},${2 * i + 1}`)].join("\n");
  let pauses = 0;
  const { x, y } = await parseXYCsv(text, "big.csv", async () => void pauses++);
  assert.equal(x.length, rows);
  assert.deepEqual([x[rows - 1], y[rows - 1]], [rows - 1, 2 * (rows - 1) + 1]);
  assert.equal(pauses, 2, "a pause after each 50,000 lines");
});
