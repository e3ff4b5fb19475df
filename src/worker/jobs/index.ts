import type { BuiltinJob, JobFactory } from "../../protocol/index.js";
import { createWave } from "./wave.js";

export const BUILTIN_FACTORIES: Record<BuiltinJob, JobFactory> = {
  wave: createWave,
};
