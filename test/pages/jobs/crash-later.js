// A job module that runs, then kills its worker from a timer of its own (no call pending then).
export default function create() {
  let steps = 0;
  setTimeout(() => {
    throw new Error("crash-later: the worker dies while the plot runs");
  }, 300);
  return {
    scene: { sources: { s: { columns: { x: "f64", y: "f64" }, capacity: 2 } }, glyphs: [{ kind: "line", source: "s", x: "x", y: "y" }], xRange: [0, 1], yRange: [0, 1] },
    advance: () => void steps++,
    write(frame) {
      frame.s.columns.x.set([0, 1]);
      frame.s.columns.y.set([0, (steps % 60) / 60]);
      frame.s.length = 2;
    },
    snapshot: () => ({ steps }),
    counters: () => ({ steps }),
  };
}
