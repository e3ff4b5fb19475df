// The image jobs: reproducible by seed, painting at the given rate in the seed's colours, Gray–Scott
// staying in [0, 1], frames sized to the viewport, and bad dimensions or rates refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { LivePlotError } from "../../src/protocol/errors.js";
import type { Job } from "../../src/protocol/types.js";
import { FRAME_MS } from "../../src/worker/engine/frame-time.js";
import { FramePool } from "../../src/worker/engine/frame-pool.js";
import { PALETTE, createGrayScott } from "../../src/worker/jobs/gray-scott.js";
import { createPixels } from "../../src/worker/jobs/pixels.js";
import { rgba } from "../../src/worker/numerics/random.js";
import { testContext } from "./context.js";
import { countWorkClock } from "./work-clock.js";

countWorkClock();

/** The job's frame: its one image source's pixels. */
function pixelsOf(job: Job): Uint32Array {
  const frame = new FramePool(job.scene, 1).take()!;
  job.write(frame);
  const [source] = Object.values(frame);
  return (source!.columns.rgba as Uint32Array).subarray(0, source!.length);
}

const checksum = (pixels: Uint32Array) => createHash("sha256").update(pixels).digest("hex");

async function advanced(create: typeof createPixels, params: Record<string, unknown>, frames: number): Promise<Job> {
  const job = await create(params, testContext());
  for (let i = 0; i < frames; i++) job.advance(FRAME_MS);
  return job;
}

test("pixels: the same seed paints the same picture; another seed another", async () => {
  const params = { width: 30, height: 30, rate: 300 };
  const a = checksum(pixelsOf(await advanced(createPixels, { ...params, seed: 7 }, 60)));
  const b = checksum(pixelsOf(await advanced(createPixels, { ...params, seed: 7 }, 60)));
  const c = checksum(pixelsOf(await advanced(createPixels, { ...params, seed: 8 }, 60)));
  assert.equal(a, b);
  assert.notEqual(a, c);
});

test("pixels: the painted count grows at the given rate", async () => {
  const job = await createPixels({ rate: 20 }, testContext());
  assert.deepEqual(job.snapshot(), { painted: 0 });
  job.advance(1000);
  assert.deepEqual(job.snapshot(), { painted: 20 });
  for (let i = 0; i < 4; i++) job.advance(250);
  assert.deepEqual(job.snapshot(), { painted: 40 }, "quarter seconds add up");
  for (let i = 0; i < 60; i++) job.advance(FRAME_MS);
  assert.ok(Math.abs((job.snapshot().painted as number) - 60) <= 1, "one second of frames paints rate pixels, within one");
});

test("pixels: as in the seed, red from the row, green 158, blue from the column, opaque; the rest transparent", async () => {
  const width = 40;
  const height = 25;
  const pixels = pixelsOf(await advanced(createPixels, { width, height, rate: 2000 }, 30));
  let painted = 0;
  pixels.forEach((pixel, i) => {
    if (pixel === 0) return;
    painted++;
    const row = Math.floor(i / width);
    const column = i % width;
    assert.equal(pixel, rgba(Math.floor((row / height) * 255), 158, Math.floor((column / width) * 255), 255), `pixel (${row}, ${column})`);
  });
  assert.ok(painted > 100, `${painted} pixels painted`);
  assert.equal(rgba(1, 2, 3, 4), new Uint32Array(new Uint8Array([1, 2, 3, 4]).buffer)[0], "bytes R, G, B, A in memory");
});

/**
 * Gray–Scott advanced to exactly `steps` steps. With stepsPerFrame 1 an advance owes at most one
 * step, so this never overshoots, even if a slow (cold) slice leaves a step half done.
 */
async function grayScottAt(params: Record<string, unknown>, steps: number): Promise<Job> {
  const job = await createGrayScott({ ...params, stepsPerFrame: 1 }, testContext());
  while ((job.snapshot().step as number) < steps) job.advance(FRAME_MS);
  assert.equal(job.snapshot().step, steps);
  return job;
}

test("gray-scott: the same seed gives the same frame after the same steps; the pattern evolves", async () => {
  const params = { width: 32, height: 24, seed: 3 };
  const first = checksum(pixelsOf(await grayScottAt(params, 100)));
  assert.equal(checksum(pixelsOf(await grayScottAt(params, 100))), first);
  assert.notEqual(checksum(pixelsOf(await grayScottAt({ ...params, seed: 4 }, 100))), first, "another seed, another pattern");
  assert.notEqual(checksum(pixelsOf(await grayScottAt(params, 150))), first, "the pattern moves on");
});

test("gray-scott: u and v stay in [0, 1], even where the reaction would overshoot", async () => {
  for (const params of [{}, { feed: 0.1, kill: 0 }, { feed: 0, kill: 0.1 }, { preset: "mitosis" }]) {
    const job = await advanced(createGrayScott, { width: 24, height: 24, stepsPerFrame: 10, ...params }, 30);
    const { u, v } = job.snapshot() as { u: [number, number]; v: [number, number] };
    for (const [name, [min, max]] of [["u", u], ["v", v]] as const) {
      assert.ok(min >= 0 && max <= 1, `${name} in [${min}, ${max}] for ${JSON.stringify(params)}`);
    }
    assert.ok(v[1] > 0, "v is not all zero");
  }
});

test("gray-scott: every preset grows a pattern from the seeded squares instead of dying out", async () => {
  // 300 steps on 32²: the presets hold v above 0.3 (a quarter at the least), where (feed, kill)
  // outside the pattern-forming region (here 0.02, 0.075) have let it die out to 0.
  for (const [preset, seed] of [["spots", 1], ["stripes", 2], ["mitosis", 1], ["coral", 2]] as const) {
    const job = await grayScottAt({ width: 32, height: 32, preset, seed }, 300);
    const [, vMax] = job.snapshot().v as [number, number];
    assert.ok(vMax > 0.25, `${preset} (seed ${seed}): v reaches only ${vMax}`);
  }
  const dying = await grayScottAt({ width: 32, height: 32, feed: 0.02, kill: 0.075 }, 300);
  assert.ok((dying.snapshot().v as [number, number])[1] < 0.01, "outside the region the pattern dies out");
});

test("gray-scott: a live feed and kill drive the reaction from then on", async () => {
  const kept = await grayScottAt({ width: 32, height: 32, seed: 1 }, 100);
  const changed = await grayScottAt({ width: 32, height: 32, seed: 1 }, 100);
  assert.equal(checksum(pixelsOf(changed)), checksum(pixelsOf(kept)));
  // Outside the pattern-forming region, v dies out; the job that kept its preset keeps its pattern.
  assert.equal(changed.update?.({ width: 32, height: 32, seed: 1, stepsPerFrame: 1, feed: 0.02, kill: 0.075 }), true);
  for (const job of [kept, changed]) while ((job.snapshot().step as number) < 400) job.advance(FRAME_MS);
  assert.ok((kept.snapshot().v as [number, number])[1] > 0.25, "the preset's pattern lives on");
  assert.ok((changed.snapshot().v as [number, number])[1] < 0.01, "the new feed and kill took effect");
  // A live stepsPerFrame: an advance of one frame owes that many steps (on a grid small enough for all).
  assert.equal(kept.update?.({ width: 32, height: 32, seed: 1, stepsPerFrame: 5 }), true);
  kept.advance(FRAME_MS);
  assert.equal(kept.snapshot().step, 405);
});

test("gray-scott: a grid averaged down sends each block's mean v, not one cell of it", async () => {
  // The same run twice: at full size (viewport 64²) and averaged over 2 × 2 blocks (viewport 32²).
  const params = { width: 64, height: 64, seed: 2, stepsPerFrame: 1 };
  const full = await createGrayScott(params, testContext({ viewport: { width: 64, height: 64 } }));
  const half = await createGrayScott(params, testContext({ viewport: { width: 32, height: 32 } }));
  for (const job of [full, half]) while ((job.snapshot().step as number) < 150) job.advance(FRAME_MS);
  const fine = pixelsOf(full);
  const coarse = pixelsOf(half);
  assert.equal(coarse.length, 32 * 32);
  // A colour is a level floor(v · 255 / 0.4) (levels sharing a colour give a range; the last colour
  // stands for every v from 0.4 to 1); the mean of four v's lies within the mean of their ranges.
  const levels = new Map<number, [number, number]>();
  PALETTE.forEach((colour, level) => {
    const [low, high] = levels.get(colour) ?? [level, level];
    levels.set(colour, [Math.min(low, level), Math.max(high, level === 255 ? 255 / 0.4 : level)]);
  });
  const range = (colour: number): [number, number] => levels.get(colour) ?? assert.fail(`colour ${colour} is not in the palette`);
  let mixed = 0;
  for (let y = 0; y < 32; y++) {
    for (let x = 0; x < 32; x++) {
      const cells = [0, 1, 64, 65].map((offset) => range(fine[2 * y * 64 + 2 * x + offset]!));
      const low = Math.floor(cells.reduce((sum, [l]) => sum + l, 0) / 4);
      const high = Math.floor(cells.reduce((sum, [, h]) => sum + h, 0) / 4 + 1);
      const [level] = range(coarse[y * 32 + x]!);
      assert.ok(level >= low && level <= Math.min(high, 255), `block (${x}, ${y}): level ${level}, cells ${JSON.stringify(cells)}`);
      if (new Set(cells.map(([l]) => l)).size > 1) mixed++;
    }
  }
  assert.ok(mixed > 50, `${mixed} blocks mix levels: the pattern has edges to average`);
});

test("gray-scott: feed and kill change live; the size needs a restart", async () => {
  const job = await createGrayScott({ width: 32, height: 32 }, testContext());
  assert.equal(job.update?.({ width: 32, height: 32, feed: 0.03, kill: 0.06 }), true);
  assert.equal(job.update?.({ width: 32, height: 32, preset: "spots" }), true);
  assert.equal(job.update?.({ width: 64, height: 32 }), false);
});

test("gray-scott: a grid larger than the viewport is sent averaged down to it, never more pixels", async () => {
  const job = await createGrayScott({ width: 1024, height: 1024 }, testContext({ viewport: { width: 700, height: 700 } }));
  const [glyph] = job.scene.glyphs;
  assert.ok(glyph?.kind === "image");
  assert.deepEqual([glyph.width, glyph.height, glyph.dw, glyph.dh], [512, 512, 1024, 1024]);
  assert.equal(pixelsOf(job).length, 512 * 512);
  const small = await createGrayScott({ width: 256, height: 256 }, testContext({ viewport: { width: 700, height: 700 } }));
  assert.equal(pixelsOf(small).length, 256 * 256, "a grid that fits is sent as it is");
});

test("bad dimensions, rates and parameters are invalid-params naming the parameter", async () => {
  const cases: [typeof createPixels, Record<string, unknown>, RegExp][] = [
    [createPixels, { width: 2.5 }, /width must be an integer/],
    [createPixels, { width: 0 }, /width must be an integer >= 1/],
    [createPixels, { height: -3 }, /height must be/],
    [createPixels, { width: 5000 }, /width must be an integer >= 1 <= 4096/],
    [createPixels, { rate: -1 }, /rate must be a number >= 0/],
    [createPixels, { rate: "fast" }, /rate must be/],
    [createGrayScott, { width: 2048 }, /width must be an integer >= 8 <= 1024/],
    [createGrayScott, { height: 0 }, /height must be/],
    [createGrayScott, { feed: 0.5 }, /feed must be a number >= 0 <= 0.1/],
    [createGrayScott, { kill: -0.01 }, /kill must be/],
    [createGrayScott, { stepsPerFrame: 0 }, /stepsPerFrame must be/],
    [createGrayScott, { preset: "zebra" }, /preset must be one of spots, stripes, mitosis, coral/],
  ];
  for (const [create, params, message] of cases) {
    await assert.rejects(
      async () => create(params, testContext()),
      (error: unknown) => error instanceof LivePlotError && error.code === "invalid-params" && message.test(error.message),
      JSON.stringify(params),
    );
  }
});

test("pixels: an image larger than the viewport is sent as its alpha-weighted block average, kept up to date as it paints", async () => {
  const params = { width: 64, height: 48, rate: 3000, seed: 9 };
  const full = pixelsOf(await advanced(createPixels, params, 30));
  // A 16×16-pixel viewport has room for 256 pixels: 64×48 is averaged over 4×4 blocks (16×12).
  const small = await createPixels(params, testContext({ viewport: { width: 16, height: 16 } }));
  for (let i = 0; i < 30; i++) small.advance(FRAME_MS);
  assert.deepEqual(small.scene.glyphs[0], { kind: "image", source: "image", image: "rgba", width: 16, height: 12, x: 0, y: 0, dw: 64, dh: 48 });
  const blocks = pixelsOf(small);
  assert.equal(blocks.length, 16 * 12);
  let painted = 0;
  for (let by = 0; by < 12; by++) {
    for (let bx = 0; bx < 16; bx++) {
      const sums = [0, 0, 0, 0];
      for (let y = 4 * by; y < 4 * by + 4; y++) {
        for (let x = 4 * bx; x < 4 * bx + 4; x++) {
          const p = full[y * 64 + x]!;
          const a = p >>> 24;
          [p & 0xff, (p >>> 8) & 0xff, (p >>> 16) & 0xff].forEach((c, k) => (sums[k]! += c * a));
          sums[3]! += a;
        }
      }
      const [r, g, b, a] = sums as [number, number, number, number];
      const expected = a === 0 ? 0 : rgba(Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round(a / 16));
      if (a > 0) painted++;
      assert.equal(blocks[by * 16 + bx], expected, `block (${bx}, ${by})`);
    }
  }
  assert.ok(painted > 100, `${painted} blocks hold paint`);
});
