import engineSource from "virtual:engine-source";

let url: string | undefined;

/**
 * The engine worker's script. The build inlines it so that `live-plot.js` is one self-contained
 * file; a blob URL turns it back into a module worker (esbuild does not bundle `new Worker(new URL(…))`).
 */
export function engineUrl(): string {
  url ??= URL.createObjectURL(new Blob([engineSource], { type: "text/javascript" }));
  return url;
}
