// A job module whose counters() throws once it has run a little: that job fails, not its worker.
import { tinyLine } from "./tiny-line.js";

export default function create() {
  const job = tinyLine((state) => void state.steps++);
  return {
    ...job,
    counters() {
      if (job.snapshot().steps > 20) throw new Error("counters-throw: no figures today");
      return job.counters();
    },
  };
}
