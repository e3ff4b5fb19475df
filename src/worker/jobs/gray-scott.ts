import { LivePlotError, type Job, type JobFactory } from "../../protocol/index.js";
import { FRAME_MS } from "../engine/frame-time.js";
import { imageScene } from "./image-scene.js";
import { changesOnly, readNumbers } from "./params.js";
import { blockFactor } from "../reduction/image.js";
import { rgba, seededRandom } from "../numerics/random.js";
import { workClock } from "../engine/work-clock.js";

const MAX_SIDE = 1024;
/** Diffusion rates of Pearson's setup (Du = 2e-5, Dv = 1e-5 on a 2.5-wide grid of 256, dt = 1). */
const DU = 0.2097;
const DV = 0.105;
/**
 * Wall-clock milliseconds one advance() may spend. A big grid cannot keep up with stepsPerFrame;
 * it then runs slower instead of blocking the worker, which must keep answering the page's credits.
 */
const BUDGET_MS = 6;
/** Rows computed between looks at the clock: about half a millisecond on a 1024-wide grid. */
const ROWS_PER_BAND = 32;

/** Known patterns (feed, kill) in Pearson's scaling. */
export const PRESETS = {
  spots: { feed: 0.03, kill: 0.062 },
  stripes: { feed: 0.029, kill: 0.057 },
  mitosis: { feed: 0.0367, kill: 0.0649 },
  coral: { feed: 0.0545, kill: 0.062 },
} as const;
type Preset = keyof typeof PRESETS;

function readPreset(value: unknown): Preset {
  if (value === undefined) return "coral";
  if (typeof value !== "string" || !Object.hasOwn(PRESETS, value)) {
    throw new LivePlotError("invalid-params", `gray-scott: preset must be one of ${Object.keys(PRESETS).join(", ")}, got ${JSON.stringify(value)}`);
  }
  return value as Preset;
}

function readGrayScott(params: Record<string, unknown>) {
  const preset = PRESETS[readPreset(params.preset)];
  return readNumbers(
    "gray-scott",
    params,
    {
      width: { default: 256, min: 8, max: MAX_SIDE, integer: true },
      height: { default: 256, min: 8, max: MAX_SIDE, integer: true },
      feed: { default: preset.feed, min: 0, max: 0.1 },
      kill: { default: preset.kill, min: 0, max: 0.1 },
      stepsPerFrame: { default: 8, min: 1, max: 500, integer: true },
      seed: { default: 1, min: 0, max: 2 ** 32 - 1, integer: true },
    },
    ["preset"],
  );
}

/** 256 colours from deep blue through teal and amber to near white, for V from 0 to 0.4. */
export const PALETTE = (() => {
  const stops = [
    [0, [8, 12, 40]],
    [0.3, [20, 90, 130]],
    [0.55, [60, 170, 150]],
    [0.8, [240, 190, 80]],
    [1, [255, 250, 235]],
  ] as const;
  const palette = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    const k = stops.findIndex(([at]) => at >= t);
    const [t1, c1] = stops[Math.max(1, k)]!;
    const [t0, c0] = stops[Math.max(1, k) - 1]!;
    const f = (t - t0) / (t1 - t0);
    palette[i] = rgba(...(c0.map((c, j) => Math.round(c + f * (c1[j]! - c))) as [number, number, number]));
  }
  return palette;
})();
/** V of 0.4 and above takes the last colour. */
const LEVELS_PER_V = 255 / 0.4;

/**
 * Gray–Scott reaction–diffusion on a periodic grid, explicit Euler with a 5-point Laplacian:
 * u' = Du ∇²u − uv² + F(1 − u), v' = Dv ∇²v + uv² − (F + k)v. Heavy on purpose: at 1024² one step
 * is ten-odd milliseconds, which is why it runs in the worker. Values stay in [0, 1].
 */
export const createGrayScott: JobFactory = (params, context) => {
  let settings = readGrayScott(params);
  const { width: w, height: h } = settings;
  const cells = w * h;
  // Never send more pixels than the plot shows: a grid larger than the viewport is averaged over
  // blocks of f × f cells, which cuts the frame's cost on both sides by f².
  const f = blockFactor(w, h, Math.max(1, context.viewport.width * context.viewport.height));
  const ow = Math.ceil(w / f);
  const oh = Math.ceil(h / f);
  let u = new Float32Array(cells).fill(1);
  let v = new Float32Array(cells);
  let nextU = new Float32Array(cells);
  let nextV = new Float32Array(cells);
  seedPattern(u, v, w, h, seededRandom(settings.seed));
  let step = 0;
  let debt = 0;

  /** The next row of the step in progress: a step spans several slices on a big grid. */
  let nextRow = 0;

  /** Computes rows [from, to) of the next state into nextU, nextV. */
  function reactRows(from: number, to: number): void {
    const { feed, kill } = settings;
    for (let y = from; y < to; y++) {
      const row = y * w;
      const up = (y === 0 ? h - 1 : y - 1) * w;
      const down = (y === h - 1 ? 0 : y + 1) * w;
      for (let x = 0; x < w; x++) {
        const i = row + x;
        const left = x === 0 ? row + w - 1 : i - 1;
        const right = x === w - 1 ? row : i + 1;
        const ui = u[i]!;
        const vi = v[i]!;
        const uvv = ui * vi * vi;
        const lapU = u[up + x]! + u[down + x]! + u[left]! + u[right]! - 4 * ui;
        const lapV = v[up + x]! + v[down + x]! + v[left]! + v[right]! - 4 * vi;
        const un = ui + DU * lapU - uvv + feed * (1 - ui);
        const vn = vi + DV * lapV + uvv - (feed + kill) * vi;
        nextU[i] = un < 0 ? 0 : un > 1 ? 1 : un;
        nextV[i] = vn < 0 ? 0 : vn > 1 ? 1 : vn;
      }
    }
  }

  /**
   * Works on the step in progress, a band of rows at a time, until it completes or the deadline
   * passes. Frames show u, v, the last completed step, while the next one is being built.
   */
  function work(deadline: number): boolean {
    while (nextRow < h) {
      const to = Math.min(h, nextRow + ROWS_PER_BAND);
      reactRows(nextRow, to);
      nextRow = to;
      if (nextRow < h && workClock.now() > deadline) return false;
    }
    nextRow = 0;
    [u, nextU] = [nextU, u];
    [v, nextV] = [nextV, v];
    step++;
    return true;
  }

  const scene = imageScene("field", w, h, ow, oh);
  const job: Job<typeof scene> = {
    scene,
    advance(ms) {
      // Steps owed, capped: a grid too big to keep up runs slower rather than piling up debt.
      debt = Math.min(debt + (settings.stepsPerFrame * ms) / FRAME_MS, settings.stepsPerFrame);
      const deadline = workClock.now() + BUDGET_MS;
      while (debt >= 1 && work(deadline)) {
        debt--;
        if (workClock.now() > deadline) break;
      }
    },
    write(frame) {
      const pixels = frame.field.columns.rgba;
      for (let oy = 0; oy < oh; oy++) {
        const y0 = oy * f;
        const y1 = Math.min(h, y0 + f);
        for (let ox = 0; ox < ow; ox++) {
          const x0 = ox * f;
          const x1 = Math.min(w, x0 + f);
          let sum = 0;
          for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += v[y * w + x]!;
          const level = (sum / ((y1 - y0) * (x1 - x0))) * LEVELS_PER_V;
          pixels[oy * ow + ox] = PALETTE[level >= 255 ? 255 : level | 0]!;
        }
      }
      frame.field.length = ow * oh;
    },
    snapshot: () => ({ step, u: extent(u), v: extent(v) }),
    counters: () => ({ steps: step }),
    update(next) {
      const numbers = readGrayScott(next);
      if (!changesOnly(params, next, ["feed", "kill", "stepsPerFrame", "preset"])) return false;
      settings = numbers;
      return true;
    },
  };
  return job;
};

/** [min, max] of a field: the snapshot shows that values stay in [0, 1]. */
function extent(values: Float32Array): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return [min, max];
}

/** u = 1, v = 0, with a few seeded squares of u = 1/2, v = 1/4 and a little noise to break symmetry. */
function seedPattern(u: Float32Array, v: Float32Array, w: number, h: number, random: () => number): void {
  // Patterns have their own length scale of a few cells, whatever the grid: squares of 10 cells grow
  // every preset here (smaller ones, or some larger ones, can die out under mitosis).
  const side = Math.min(w, h, 10);
  const squares = Math.max(3, Math.round((w * h) / (side * side * 40)));
  for (let s = 0; s < squares; s++) {
    const x0 = Math.floor(random() * (w - side));
    const y0 = Math.floor(random() * (h - side));
    for (let y = y0; y < y0 + side; y++) {
      for (let x = x0; x < x0 + side; x++) {
        u[y * w + x] = 0.5 + 0.02 * (random() - 0.5);
        v[y * w + x] = 0.25 + 0.02 * (random() - 0.5);
      }
    }
  }
}
