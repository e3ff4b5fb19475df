// A job module that runs, then blocks its worker for good: advance() enters an endless loop.
import { tinyLine } from "./tiny-line.js";

export default function create() {
  const started = performance.now();
  return tinyLine((state) => {
    state.steps++;
    if (performance.now() - started > 300) for (;;);
  });
}
