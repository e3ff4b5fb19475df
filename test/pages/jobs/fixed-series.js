// A job module that shows one fixed data set (makeSeries) in full, every frame: the engine's reduction
// is all that stands between its points and the page.
import { makeSeries, seriesScene } from "./series-data.js";

export default ({ kind = "walk", n = 100_000, seed = 1 }) => {
  const data = makeSeries(kind, n, seed);
  let frames = 0;
  return {
    scene: seriesScene(data),
    advance() {},
    write(frame) {
      frame.s.columns.x.set(data.x);
      frame.s.columns.y.set(data.y);
      frame.s.length = n;
      frames++;
    },
    snapshot: () => ({ frames }),
    counters: () => ({ steps: frames }),
  };
};
