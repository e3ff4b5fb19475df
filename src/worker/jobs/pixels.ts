import type { Job, JobFactory } from "../../protocol/index.js";
import { imageScene } from "./image-scene.js";
import { readNumbers } from "./params.js";
import { blockFactor } from "../reduction/image.js";
import { rgba, seededRandom } from "../numerics/random.js";

/** The largest image side: 4096² pixels. */
export const MAX_IMAGE_SIDE = 4096;

/**
 * The seed notebook's image cell: random pixels painted at `rate` per second, each coloured from its
 * position (red from the row, green 158, blue from the column, opaque), on a transparent image.
 * An image larger than the plot's pixels is kept averaged over blocks of f × f pixels, block by block
 * as pixels are painted: a frame costs the plot's pixels and the new paint, not the whole image.
 */
export const createPixels: JobFactory = (params, context) => {
  const { width, height, rate, seed } = readNumbers("pixels", params, {
    width: { default: 30, min: 1, max: MAX_IMAGE_SIDE, integer: true },
    height: { default: 30, min: 1, max: MAX_IMAGE_SIDE, integer: true },
    rate: { default: 20, min: 0, max: 1e7 },
    seed: { default: 1, min: 0, max: 2 ** 32 - 1, integer: true },
  });
  const f = blockFactor(width, height, Math.max(1, context.viewport.width * context.viewport.height));
  const bw = Math.ceil(width / f);
  const bh = Math.ceil(height / f);
  const image = new Uint32Array(width * height);
  const blocks = f === 1 ? image : new Uint32Array(bw * bh);
  /** Per block: Σ r·a, Σ g·a, Σ b·a, Σ a over its pixels (alpha-weighted, as the engine averages). */
  const sums = f === 1 ? undefined : new Float64Array(4 * bw * bh);
  const random = seededRandom(seed);
  let painted = 0;
  let pending = 0;

  function paint(row: number, column: number, color: number): void {
    const old = image[row * width + column]!;
    image[row * width + column] = color;
    if (!sums) return;
    const block = Math.floor(row / f) * bw + Math.floor(column / f);
    for (const [pixel, sign] of [
      [old, -1],
      [color, 1],
    ] as const) {
      const a = pixel >>> 24;
      sums[4 * block] += sign * (pixel & 0xff) * a;
      sums[4 * block + 1] += sign * ((pixel >>> 8) & 0xff) * a;
      sums[4 * block + 2] += sign * ((pixel >>> 16) & 0xff) * a;
      sums[4 * block + 3] += sign * a;
    }
    const rows = Math.min(f, height - Math.floor(row / f) * f);
    const columns = Math.min(f, width - Math.floor(column / f) * f);
    const a = sums[4 * block + 3]!;
    blocks[block] = a <= 0 ? 0 : rgba(Math.round(sums[4 * block]! / a), Math.round(sums[4 * block + 1]! / a), Math.round(sums[4 * block + 2]! / a), Math.round(a / (rows * columns)));
  }

  const scene = imageScene("image", width, height, bw, bh);
  const job: Job<typeof scene> = {
    scene,
    advance(ms) {
      pending += (rate * ms) / 1000;
      for (; pending >= 1; pending--) {
        const row = Math.floor(random() * height);
        const column = Math.floor(random() * width);
        paint(row, column, rgba(Math.floor((row / height) * 255), 158, Math.floor((column / width) * 255)));
        painted++;
      }
    },
    write(frame) {
      frame.image.columns.rgba.set(blocks);
      frame.image.length = blocks.length;
    },
    snapshot: () => ({ painted }),
    counters: () => ({ steps: painted }),
  };
  return job;
};
