// The seed notebook's approach, the frame-cost benchmark's baseline: the numerics on the main thread
// and every point handed to BokehJS each frame. It uses the same BokehJS plot code as <live-plot>.
import type { FrameData, Scene } from "../src/protocol/types.js";
import { BokehPlot } from "../src/ui/bokeh/plot.js";

const X_MAX = 4 * Math.PI;

/** Mounts a plot of an n-point sine wave into `container` and animates it; answers frames shown so far. */
async function runSeed(container: HTMLElement, n: number): Promise<() => number> {
  const scene: Scene = {
    sources: { wave: { columns: { x: "f64", y: "f64" }, capacity: n } },
    glyphs: [{ kind: "line", source: "wave", x: "x", y: "y", color: "#1f77b4", width: 2 }],
    xRange: [0, X_MAX],
    yRange: [-1.1, 1.1],
  };
  const theme = { background: "#ffffff", text: "#444444", grid: "#e5e5e5" };
  const plot = await BokehPlot.mount(container, scene, {
    width: 800,
    height: 200,
    backend: "canvas",
    tools: false,
    theme,
    title: undefined,
    xLabel: undefined,
    yLabel: undefined,
    xRange: undefined,
    yRange: undefined,
  });
  // Two buffer sets, alternating: BokehJS keeps the shown frame's arrays by reference.
  const frames: FrameData[] = [0, 1].map(() => ({ wave: { length: n, columns: { x: new Float64Array(n), y: new Float64Array(n) } } }));
  let shown = 0;
  const tick = (now: number) => {
    const frame = frames[shown % 2]!;
    const { x, y } = frame.wave!.columns as { x: Float64Array; y: Float64Array };
    const phase = (1.5 * now) / 1000;
    for (let i = 0; i < n; i++) {
      x[i] = (i * X_MAX) / (n - 1);
      y[i] = Math.sin(2 * (x[i]! + phase));
    }
    void plot.apply(frame, []);
    shown++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return () => shown;
}

Object.assign(window, { runSeed });
