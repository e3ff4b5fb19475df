// The regression's data, exactly: paired arrays checked with messages that say what is wrong, and
// two-column CSV text parsed (separators, header, comments, quoted fields, slices).
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkXY, parseXYCsv } from "../../src/worker/jobs/xy-data.js";
import { failsWith } from "./fails-with.js";

test("checkXY: arrays or typed arrays of equal length, two points or more, finite numbers, x not all equal", () => {
  assert.deepEqual(checkXY("fit", [1, 2], [3, 4]), { x: Float64Array.of(1, 2), y: Float64Array.of(3, 4) });
  assert.deepEqual(checkXY("fit", Int32Array.of(1, 2, 3), Float32Array.of(0.5, 1, 2)), { x: Float64Array.of(1, 2, 3), y: Float64Array.of(0.5, 1, 2) });
  const cases: [unknown, unknown, RegExp][] = [
    ["1,2", [1, 2], /^fit: give data as "x" and "y" arrays of numbers \(or Float64Arrays\), or "csv": the URL of a two-column file$/],
    [[1, 2], new DataView(new ArrayBuffer(16)), /give data as "x" and "y" arrays/],
    [[1, 2, 3], [1, 2], /^fit: x and y must have the same length, got 3 and 2$/],
    [[1], [1], /^fit: a line needs at least 2 points, got 1$/],
    [[1, "2"], [1, 2], /^fit: x\[1\] is "2", not a finite number$/],
    [[1, 2], [Number.NaN, 2], /^fit: y\[0\] is NaN, not a finite number$/],
    [[1, 2], [1, Infinity], /^fit: y\[1\] is Infinity, not a finite number$/],
    [[1, null], [1, 2], /^fit: x\[1\] is null, not a finite number$/],
    [[3, 3, 3], [1, 2, 3], /^fit: all x values are equal \(3\): no line fits a vertical stack of points$/],
  ];
  for (const [x, y, message] of cases) assert.throws(() => checkXY("fit", x, y), failsWith("invalid-params", message), message.source);
});

test("parseXYCsv: separators, a header on the first data line only, comments, blanks, CRLF and quoted fields", async () => {
  const text = '# readings\r\nx;y\r\n\r\n1;2\n3,4\n5\t6\n7   8\n"9","1.5"\n"10" ; "-2e3"\n  # indented comment\n12 , 13\n';
  assert.deepEqual(await parseXYCsv(text, "data.csv"), { x: [1, 3, 5, 7, 9, 10, 12], y: [2, 4, 6, 8, 1.5, -2000, 13] });
  assert.deepEqual(await parseXYCsv("0,0\n1,1", "a.csv"), { x: [0, 1], y: [0, 1] }, "no header needed");
});

test("parseXYCsv: what is not two numbers is invalid-data naming the source and the line", async () => {
  const cases: [string, RegExp][] = [
    ["x,y\n1,2\nthree,4\n5,6", /^a\.csv line 3: expected two numbers, got "three,4"$/],
    ["1,2\nx,y\n5,6", /^a\.csv line 2: expected two numbers, got "x,y"$/],
    ["1,2,3\n4,5", /^a\.csv line 1: expected two numbers, got "1,2,3"$/],
    ["1,2\n4,", /^a\.csv line 2: expected two numbers, got "4,"$/],
    ['1,2\n"1,5",2', /^a\.csv line 2: expected two numbers, got "\"1,5\",2"$/],
    ['1,2\n"1""0",2', /^a\.csv line 2: expected two numbers/],
    ["1,2\n3,Infinity", /^a\.csv line 2: expected two numbers/],
    [`1,2\n${"n".repeat(80)},1`, /^a\.csv line 2: expected two numbers, got "n{60}"$/],
    ["x,y\n1,2", /^a\.csv has 1 data rows; a line needs at least 2$/],
    ["# nothing\n", /^a\.csv has 0 data rows; a line needs at least 2$/],
  ];
  for (const [text, message] of cases) await assert.rejects(parseXYCsv(text, "a.csv"), failsWith("invalid-data", message), JSON.stringify(text));
});

test("parseXYCsv: a long file yields every 50,000 lines and keeps every row", async () => {
  const rows = 120_000;
  const text = Array.from({ length: rows }, (_, i) => `${i},${2 * i}`).join("\n");
  let pauses = 0;
  const { x, y } = await parseXYCsv(text, "big.csv", async () => {
    pauses++;
  });
  assert.equal(pauses, 2, "after lines 50,000 and 100,000");
  assert.equal(x.length, rows);
  assert.deepEqual([x[0], x.at(-1), y.at(-1)], [0, rows - 1, 2 * (rows - 1)]);
});
