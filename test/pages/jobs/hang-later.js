// A job module that runs, then blocks its worker for good: advance() enters an endless loop.
export default function create() {
  let steps = 0;
  const started = performance.now();
  return {
    scene: { sources: { s: { columns: { x: "f64", y: "f64" }, capacity: 2 } }, glyphs: [{ kind: "line", source: "s", x: "x", y: "y" }], xRange: [0, 1], yRange: [0, 1] },
    advance() {
      steps++;
      if (performance.now() - started > 300) for (;;);
    },
    write(frame) {
      frame.s.columns.x.set([0, 1]);
      frame.s.columns.y.set([0, (steps % 60) / 60]);
      frame.s.length = 2;
    },
    snapshot: () => ({ steps }),
    counters: () => ({ steps }),
  };
}
