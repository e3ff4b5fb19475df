// Seeded pictures are reproducible: the generator is mulberry32, pinned here by its outputs (seed 1
// starts 0.6270739405881613, as every mulberry32 does), and pixels are R, G, B, A bytes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rgba, seededRandom } from "../../src/worker/numerics/random.js";

test("seededRandom is mulberry32: the same outputs for the same seed, everywhere", () => {
  const expected: [number, number[]][] = [
    [0, [0.26642920868471265, 0.0003297457005828619, 0.2232720274478197]],
    [1, [0.6270739405881613, 0.002735721180215478, 0.5274470399599522]],
    [42, [0.6011037519201636, 0.44829055899754167, 0.8524657934904099]],
    [4294967295, [0.8964226141106337, 0.189478256739676, 0.7156526781618595]],
  ];
  for (const [seed, values] of expected) {
    const random = seededRandom(seed);
    assert.deepEqual([random(), random(), random()], values, `seed ${seed}`);
  }
  assert.deepEqual([seededRandom(2 ** 32 + 1)(), seededRandom(-1)()], [0.6270739405881613, 0.8964226141106337], "seeds are taken as unsigned 32-bit");
});

test("seededRandom: uniform in [0, 1)", () => {
  const random = seededRandom(7);
  const buckets = new Array(10).fill(0);
  for (let i = 0; i < 20_000; i++) {
    const v = random();
    assert.ok(v >= 0 && v < 1);
    buckets[Math.floor(v * 10)]++;
  }
  for (const count of buckets) assert.ok(Math.abs(count - 2000) < 150, `a tenth of the draws in each tenth: ${buckets}`);
});

test("rgba: bytes R, G, B, A in memory, opaque by default", () => {
  const bytes = (pixel: number) => [...new Uint8Array(Uint32Array.of(pixel).buffer)];
  assert.deepEqual(bytes(rgba(1, 2, 3, 4)), [1, 2, 3, 4]);
  assert.deepEqual(bytes(rgba(255, 0, 128)), [255, 0, 128, 255]);
  assert.equal(rgba(0, 0, 0, 255), 0xff000000, "an unsigned value");
});
