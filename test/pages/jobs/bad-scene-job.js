// A job module whose scene draws from a source it never declared.
export default () => ({
  scene: { sources: {}, glyphs: [{ kind: "line", source: "nowhere", x: "x", y: "y" }] },
  advance() {},
  write() {},
  snapshot: () => ({}),
  counters: () => ({ steps: 0 }),
});
