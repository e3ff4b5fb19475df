import engineSource, { workerType } from "virtual:engine-source";

let url: string | undefined;

/**
 * The engine worker's script. The build inlines it so that `live-plot.js` is one self-contained
 * file; a blob URL turns it back into a worker (esbuild does not bundle `new Worker(new URL(…))`).
 */
export function engineUrl(): string {
  url ??= URL.createObjectURL(new Blob([engineSource], { type: "text/javascript" }));
  return url;
}

/**
 * How to start a worker from `workerUrl`: the inlined engine as it was built (a module, or a classic
 * script in live-plot.classic.js: a page opened from a file may start classic workers from blob: URLs,
 * not module workers), any other engine file as a module (live-plot.worker.js is one).
 */
export function engineWorkerType(workerUrl: string): WorkerType {
  return workerUrl === url ? workerType : "module";
}
