// The worker's entry point. `expose` runs synchronously at the top level: Comlink misses every
// call made before it runs, so nothing here may await first.
import { expose } from "comlink";
import { createEngine } from "./engine/engine.js";

expose(createEngine());
