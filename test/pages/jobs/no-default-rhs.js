// An rhs module without a default export: f is only a named export, which the ode job must reject.
export function f(_t, y) {
  return y;
}
