import { readNumbers, type FrameData, type JobFactory } from "../../protocol/index.js";
import { rgba, seededRandom } from "../random.js";

/** The largest image side: 4096² pixels are 64 MB per buffer set. */
export const MAX_IMAGE_SIDE = 4096;

/**
 * The seed notebook's image cell: random pixels painted at `rate` per second, each coloured from its
 * position (red from the row, green 158, blue from the column, opaque), on a transparent image.
 */
export const createPixels: JobFactory = (params) => {
  const { width, height, rate, seed } = readNumbers("pixels", params, {
    width: { default: 30, min: 1, max: MAX_IMAGE_SIDE, integer: true },
    height: { default: 30, min: 1, max: MAX_IMAGE_SIDE, integer: true },
    rate: { default: 20, min: 0, max: 1e7 },
    seed: { default: 1, min: 0, max: 2 ** 32 - 1, integer: true },
  });
  const image = new Uint32Array(width * height);
  const random = seededRandom(seed);
  let painted = 0;
  let pending = 0;
  return {
    scene: {
      sources: { image: { columns: { rgba: "u32" }, capacity: width * height } },
      glyphs: [{ kind: "image", source: "image", image: "rgba", width, height, x: 0, y: 0, dw: width, dh: height }],
      xRange: [0, width],
      yRange: [0, height],
    },
    advance(ms) {
      pending += (rate * ms) / 1000;
      for (; pending >= 1; pending--) {
        const row = Math.floor(random() * height);
        const column = Math.floor(random() * width);
        image[row * width + column] = rgba(Math.floor((row / height) * 255), 158, Math.floor((column / width) * 255));
        painted++;
      }
    },
    write(frame: FrameData) {
      frame.image!.columns.rgba!.set(image);
      frame.image!.length = image.length;
    },
    snapshot: () => ({ painted }),
    counters: () => ({ steps: painted }),
  };
};
