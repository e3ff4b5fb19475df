// The demo feed: a WebSocket endpoint at /feed on the demo server (and the browser tests' server),
// sending readings for `<live-plot job="stream">` to read in its worker. Query parameters:
//   series=a,b        the series' names (default "a,b")
//   rate=1000         rows per second (sent in batches every 20 ms)
//   x=time|index|value  x column: epoch ms (default), none, or the row number
//   format=json|binary  JSON columns {"x": [...], "a": [...]} (default), or little-endian Float64 rows
//   pattern=wave|count  noisy sines (default), or exact values: series j of row k is k · (j + 1)
//   rows=N            stop after N rows;  close-after=MS  drop the connection after MS (reconnect tests)
import { WebSocketServer } from "ws";

const BATCH_MS = 20;

/** @param {import("node:http").Server} server */
export function attachFeed(server) {
  const sockets = new WebSocketServer({ server, path: "/feed" });
  sockets.on("connection", (socket, request) => {
    const query = new URL(request.url ?? "/", "http://localhost").searchParams;
    const series = (query.get("series") ?? "a,b").split(",");
    const rate = Number(query.get("rate") ?? 1000);
    const x = query.get("x") ?? "time";
    const binary = query.get("format") === "binary";
    const exact = query.get("pattern") === "count";
    const total = Number(query.get("rows") ?? Infinity);
    const closeAfter = Number(query.get("close-after") ?? Infinity);
    const started = Date.now();
    let sent = 0;
    const value = (k, j) => (exact ? k * (j + 1) : Math.sin(k / (200 + 70 * j)) * (1 + 0.3 * j) + 0.05 * (Math.random() - 0.5));
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((Date.now() - started) * rate) / 1000)) - sent;
      if (Date.now() - started >= closeAfter) return void socket.terminate();
      if (due <= 0) return;
      const rows = Array.from({ length: due }, (_, i) => sent + i);
      const xs = x === "time" ? rows.map((k) => started + (k * 1000) / rate) : x === "value" ? rows : undefined;
      if (binary) {
        const width = series.length + (xs ? 1 : 0);
        const values = new Float64Array(due * width);
        rows.forEach((k, r) => {
          if (xs) values[r * width] = xs[r];
          series.forEach((_, j) => (values[r * width + (xs ? 1 : 0) + j] = value(k, j)));
        });
        socket.send(values.buffer);
      } else {
        socket.send(JSON.stringify({ ...(xs ? { x: xs } : {}), ...Object.fromEntries(series.map((name, j) => [name, rows.map((k) => value(k, j))])) }));
      }
      sent += due;
    }, BATCH_MS);
    socket.on("close", () => clearInterval(timer));
  });
  return sockets;
}
