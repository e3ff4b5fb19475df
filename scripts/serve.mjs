// A small static server for the demos (and the browser tests): serves the repository root, and the
// demo feed's WebSocket at /feed (feed-server.mjs).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { attachFeed } from "./feed-server.mjs";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".csv": "text/csv",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/**
 * Starts serving `root` on 127.0.0.1. `headers(path)` may add response headers (tests use it to
 * send a Content-Security-Policy). Resolves with the server and its base URL.
 */
/** @param {{root?: string, port?: number, headers?: (path: string) => Record<string, string>}} [options] */
export function serve({ root = ROOT, port = 0, headers = () => ({}) } = {}) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) return void response.writeHead(403).end();
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store", ...headers(path) });
      response.end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" }).end(`not found: ${path}`);
    }
  });
  attachFeed(server);
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolvePromise({ server, url: `http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (server.address()).port}` }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wanted = Number(process.env.PORT ?? 8080);
  const { url } = await serve({ port: wanted }).catch(() => serve({ port: 0 }));
  console.log(`live-plot demos: ${url}/demos/`);
}
