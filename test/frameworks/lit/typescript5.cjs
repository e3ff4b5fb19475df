// lit-analyzer 2 runs on TypeScript 5's compiler API, which the repository's TypeScript (7, the
// native compiler) does not have: `node -r typescript5.cjs` gives it the TypeScript 5 that its own
// dependency web-component-analyzer installs.
const Module = require("node:module");
const { join } = require("node:path");

const analyzer = join(require.resolve("lit-analyzer"), "..", "..", "web-component-analyzer");
const typescript5 = require.resolve("typescript", { paths: [analyzer] });
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === "typescript" ? typescript5 : request, ...rest);
};
