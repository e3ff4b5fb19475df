// A job module that posts a few stray messages of its own now and then: ignored, it runs on.
import { tinyLine } from "./tiny-line.js";

export default function create() {
  setInterval(() => postMessage({ hello: "page" }), 50);
  return tinyLine((state) => void state.steps++);
}
