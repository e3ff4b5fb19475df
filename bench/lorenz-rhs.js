// The Lorenz system (sigma 10, rho 28, beta 8/3) as an ode job's rhs module: the benchmark's f,
// loaded by the worker in the browser and by the node baseline alike.
const SIGMA = 10;
const RHO = 28;
const BETA = 8 / 3;

export default function lorenz(_t, [x, y, z]) {
  return [SIGMA * (y - x), x * (RHO - z) - y, x * y - BETA * z];
}
