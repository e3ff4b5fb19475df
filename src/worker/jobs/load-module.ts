import { LivePlotError, errorMessage, typeScriptSourceProblem } from "../../protocol/index.js";

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
    const typeScript = typeScriptSourceProblem(what, url);
    if (typeScript) throw new LivePlotError("invalid-module", `${prefix}${typeScript}`);
    // The browser's message names the URL again: once is enough.
    throw new LivePlotError("invalid-module", `${prefix}could not load ${what} ${url}: ${errorMessage(error).replaceAll(url, "it")}`);
  }
  if (typeof module.default !== "function") throw new LivePlotError("invalid-module", `${prefix}${what} ${url} must export ${expects} as its default export`);
  return module.default as (...args: never[]) => unknown;
}
