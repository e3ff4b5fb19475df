// Shows the fitted line when the regression converges.
const plot = document.getElementById("fit");
const result = document.getElementById("result");
plot.addEventListener("live-plot-finished", ({ detail: { snapshot: s } }) => {
  result.textContent = `Converged after ${s.iteration} iterations: slope ${s.slope.toFixed(5)}, intercept ${s.intercept.toFixed(5)}, loss ${s.loss.toFixed(5)}.`;
});
plot.addEventListener("live-plot-state", ({ detail: { state } }) => {
  if (state !== "finished") result.textContent = "";
});
