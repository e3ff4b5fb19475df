// A right-hand side that goes wrong on purpose, for the ode job's error tests: y' = −y until
// t reaches args.after, then args.fault decides how f fails ("throw", "length", "nan", or "loop": never returns).
/** @param {number} t @param {number[]} y @param {{fault?: string, after?: number}} [args] */
export default function faulty(t, y, { fault, after = 0 } = {}) {
  if (t < after) return y.map((v) => -v);
  if (fault === "throw") throw new Error(`faulty-rhs: deliberate failure at t >= ${after}`);
  if (fault === "length") return [...y, 0];
  if (fault === "nan") return y.map(() => NaN);
  if (fault === "loop") for (;;);
  return y.map((v) => -v);
}
