// The Arenstorf orbit (Hairer, Nørsett, Wanner, Solving ODEs I, eq. II.0.1): a satellite's periodic
// orbit around the Earth and the Moon. State (y1, y2, y1', y2'); args.mu is the Moon's mass ratio.
export default function arenstorf(t, [y1, y2, v1, v2], { mu = 0.012277471 } = {}) {
  const nu = 1 - mu;
  const d1 = ((y1 + mu) ** 2 + y2 ** 2) ** 1.5;
  const d2 = ((y1 - nu) ** 2 + y2 ** 2) ** 1.5;
  return [v1, v2, y1 + 2 * v2 - (nu * (y1 + mu)) / d1 - (mu * (y1 - nu)) / d2, y2 - 2 * v1 - (nu * y2) / d1 - (mu * y2) / d2];
}
