// The seed notebook's approach, the engine benchmarks' baseline (bench/frame-cost.mjs,
// bench/reduction.mjs): an n-point sine wave computed on the main thread and every point handed to
// BokehJS each frame — the benchmark page's main-thread mode (bench/page/modes/main-thread.ts).
import { mountMainThread } from "./page/modes/main-thread.js";

/** Mounts an animated n-point wave into `container`; answers frames shown so far. */
async function runSeed(container: HTMLElement, n: number): Promise<() => number> {
  const running = await mountMainThread(container, { job: "wave", params: {}, points: n, plots: 1, backend: "canvas" });
  return () => running.shown();
}

Object.assign(window, { runSeed });
