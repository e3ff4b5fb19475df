// A job module that runs, then floods the page with messages outside live-plot's protocol.
import { tinyLine } from "./tiny-line.js";

export default function create() {
  setTimeout(() => {
    const junk = { junk: "x".repeat(1000) };
    setInterval(() => {
      for (let i = 0; i < 2000; i++) postMessage(junk);
    }, 10);
  }, 200);
  return tinyLine((state) => void state.steps++);
}
