/** The bundled engine worker's source text, provided by build.mjs. */
declare module "virtual:engine-source" {
  const source: string;
  export default source;
}
