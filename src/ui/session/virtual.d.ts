/** The bundled engine worker's source text, and how to start it, provided by build.mjs. */
declare module "virtual:engine-source" {
  const source: string;
  export default source;
  export const workerType: WorkerType;
}
