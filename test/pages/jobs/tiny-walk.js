// A well-behaved module for the origin-policy tests: the tiny line, stepping along.
import { tinyLine } from "./tiny-line.js";

export default () => tinyLine((state) => void state.steps++);
