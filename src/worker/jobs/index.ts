import type { BuiltinJob, JobFactory } from "../../protocol/index.js";
import { createGrayScott } from "./gray-scott.js";
import { createLorenz } from "./lorenz.js";
import { createOde } from "./ode.js";
import { createPixels } from "./pixels.js";
import { createRegression } from "./regression.js";
import { createWave } from "./wave.js";

export const BUILTIN_FACTORIES: Record<BuiltinJob, JobFactory> = {
  wave: createWave,
  lorenz: createLorenz,
  ode: createOde,
  regression: createRegression,
  pixels: createPixels,
  "gray-scott": createGrayScott,
};
