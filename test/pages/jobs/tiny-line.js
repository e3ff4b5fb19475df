// The smallest job that draws something that moves: a bar that climbs with its steps. The fault
// fixtures build on it; `advance` is theirs.
export function tinyLine(advance) {
  const state = { steps: 0 };
  return {
    scene: { sources: { s: { columns: { x: "f64", y: "f64" }, capacity: 2 } }, glyphs: [{ kind: "line", source: "s", x: "x", y: "y" }], xRange: [0, 1], yRange: [0, 1] },
    advance: () => advance(state),
    write(frame) {
      frame.s.columns.x.set([0, 1]);
      frame.s.columns.y.set([0, (state.steps % 60) / 60]);
      frame.s.length = 2;
    },
    snapshot: () => ({ steps: state.steps }),
    counters: () => ({ steps: state.steps }),
  };
}
