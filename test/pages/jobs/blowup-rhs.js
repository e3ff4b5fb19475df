// y' = y², whose solution 1 / (1/y0 − t) blows up in finite time (at t = 1 from y0 = 1): the solver must give up.
export default (_t, [y]) => [y * y];
