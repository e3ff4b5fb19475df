// A job module in TypeScript: a random walk (the README's job module, typed).
import type { JobFactory } from "live-plot";

const create: JobFactory = (params) => {
  const n = typeof params.points === "number" ? params.points : 500;
  let steps = 0;
  let y = 0;
  let filled = 0;
  const ys = new Float64Array(n);
  return {
    scene: { sources: { walk: { columns: { x: "f64", y: "f64" }, capacity: n } }, glyphs: [{ kind: "line", source: "walk", x: "x", y: "y" }], xRange: [0, n] },
    advance(ms: number) {
      for (let i = 0; i < ms; i++, steps++) {
        y += Math.random() - 0.5;
        ys[filled++ % n] = y;
      }
    },
    write(frame) {
      const { x, y: out } = frame.walk!.columns;
      const count = Math.min(filled, n);
      for (let i = 0; i < count; i++) {
        x![i] = i;
        out![i] = ys[(filled - count + i) % n]!;
      }
      frame.walk!.length = count;
    },
    snapshot: () => ({ steps, y }),
    counters: () => ({ steps }),
  };
};
export default create;
