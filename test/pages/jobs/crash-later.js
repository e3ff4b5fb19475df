// A job module that runs, then kills its worker from a timer of its own (no call pending then).
import { tinyLine } from "./tiny-line.js";

export default function create() {
  setTimeout(() => {
    throw new Error("crash-later: the worker dies while the plot runs");
  }, 300);
  return tinyLine((state) => void state.steps++);
}
