import { LivePlotError, errorMessage } from "../../protocol/index.js";

/** How a module is named in messages: "job module", or "rhs module" after the job's "ode: ". */
interface ModuleKind {
  prefix?: string;
  what: string;
  /** What its default export must be. */
  expects: string;
}

/** The function a user's module at `url` exports by default: a job factory, an `ode` right-hand side. */
export async function loadModuleFunction(url: string, { prefix = "", what, expects }: ModuleKind): Promise<(...args: never[]) => unknown> {
  let module: { default?: unknown };
  try {
    module = await import(url);
  } catch (error) {
    throw new LivePlotError("invalid-module", `${prefix}could not load ${what} ${url}: ${errorMessage(error)}`);
  }
  if (typeof module.default !== "function") throw new LivePlotError("invalid-module", `${prefix}${what} ${url} must export ${expects} as its default export`);
  return module.default as (...args: never[]) => unknown;
}
