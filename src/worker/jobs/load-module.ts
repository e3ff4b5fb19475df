import { LivePlotError, errorMessage } from "../../protocol/index.js";

/** How a module is named in messages: "job module", or "rhs module" after the job's "ode: ". */
interface ModuleKind {
  prefix?: string;
  what: string;
  /** What its default export must be. */
  expects: string;
}

/**
 * A module given as TypeScript source: a .ts/.mts/.tsx path, or a data: URL of a TypeScript type
 * (Vite's `?url` inlines a small .ts file as `data:video/mp2t`, the MIME type of the .ts extension).
 */
const TYPESCRIPT_SOURCE = /^data:(video\/mp2t|application\/(x-)?typescript|text\/typescript)[;,]|\.(ts|mts|tsx)([?#]|$)/i;

/** The function a user's module at `url` exports by default: a job factory, an `ode` right-hand side. */
export async function loadModuleFunction(url: string, { prefix = "", what, expects }: ModuleKind): Promise<(...args: never[]) => unknown> {
  let module: { default?: unknown };
  try {
    module = await import(url);
  } catch (error) {
    if (TYPESCRIPT_SOURCE.test(url)) {
      throw new LivePlotError(
        "invalid-module",
        `${prefix}${what} ${url} is TypeScript source, which browsers cannot run: give the URL of its JavaScript build (with Vite: import it with "?worker&url", see README, "Bundlers")`,
      );
    }
    // The browser's message names the URL again: once is enough.
    throw new LivePlotError("invalid-module", `${prefix}could not load ${what} ${url}: ${errorMessage(error).replaceAll(url, "it")}`);
  }
  if (typeof module.default !== "function") throw new LivePlotError("invalid-module", `${prefix}${what} ${url} must export ${expects} as its default export`);
  return module.default as (...args: never[]) => unknown;
}
