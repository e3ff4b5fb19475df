import { LivePlotError, describeValue, isPlainObject, type PushChunk, type PushSpec } from "../../protocol/index.js";

export type FeedState = "connecting" | "open" | "closed";

/** Reconnection waits this long after a loss, doubling up to the maximum; an open connection resets it. */
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 8000;

/**
 * Rows from a feed message: JSON text of one row `{"a": 1, "b": 2}` (with `x` unless x is the row
 * index), an array of such rows, or columns `{"a": [...], "b": [...]}`; or binary, little-endian
 * Float64 values row by row, each row `x` (unless x is the index) then the series in order.
 */
export function parseFeedMessage(data: unknown, spec: PushSpec): PushChunk {
  const names = spec.x === "index" ? spec.series : ["x", ...spec.series];
  if (data instanceof ArrayBuffer) {
    const width = names.length;
    if (data.byteLength % (8 * width) !== 0) throw new LivePlotError("invalid-data", `a binary message must hold whole rows of ${width} Float64 values (${names.join(", ")}), got ${data.byteLength} bytes`);
    const rows = data.byteLength / (8 * width);
    const view = new DataView(data);
    const columns = Object.fromEntries(names.map((name, c) => [name, Float64Array.from({ length: rows }, (_, r) => view.getFloat64(8 * (r * width + c), true))]));
    return { rows, columns };
  }
  if (typeof data !== "string") throw new LivePlotError("invalid-data", `a message must be JSON text or binary Float64 rows, got ${describeValue(data)}`);
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    throw new LivePlotError("invalid-data", `a message is not JSON: ${data.slice(0, 60)}`);
  }
  const rows = Array.isArray(value) ? value : isPlainObject(value) && names.every((name) => Array.isArray(value[name])) ? undefined : [value];
  const table = rows ? Object.fromEntries(names.map((name) => [name, rows.map((row) => (isPlainObject(row) ? row[name] : undefined))])) : (value as Record<string, unknown[]>);
  const length = table[names[0]!]!.length;
  const columns: Record<string, Float64Array> = {};
  for (const name of names) {
    const column = table[name]!;
    if (column.length !== length || !column.every((v) => typeof v === "number" || v === null)) {
      throw new LivePlotError("invalid-data", `a message must give ${names.join(", ")} as numbers for every row: ${data.slice(0, 60)}`);
    }
    columns[name] = Float64Array.from(column, (v) => (v === null ? NaN : (v as number)));
  }
  return { rows: length, columns };
}

/**
 * A connection to a feed, read in the worker: a WebSocket (`ws:`, `wss:`) or an EventSource
 * (`http:`, `https:`). Every message's rows go to `rows`; a message that cannot be read is counted
 * and skipped. A lost connection is opened again after a backoff.
 */
export class Feed {
  state: FeedState = "connecting";
  reconnects = 0;
  rejected = 0;
  lastProblem: string | undefined;
  private socket: WebSocket | EventSource | undefined;
  private retryMs = FIRST_RETRY_MS;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly url: string,
    private readonly spec: PushSpec,
    private readonly rows: (chunk: PushChunk) => void,
  ) {
    this.connect();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.retry);
    this.socket?.close();
    this.state = "closed";
  }

  private connect(): void {
    if (this.disposed) return;
    this.state = "connecting";
    const webSocket = /^wss?:/.test(this.url);
    const socket = webSocket ? new WebSocket(this.url) : new EventSource(this.url);
    if (socket instanceof WebSocket) socket.binaryType = "arraybuffer";
    this.socket = socket;
    socket.onopen = () => {
      this.state = "open";
      this.retryMs = FIRST_RETRY_MS;
    };
    socket.onmessage = (event: MessageEvent) => this.receive(event.data);
    const lost = () => {
      if (this.socket !== socket || this.disposed) return;
      socket.onopen = socket.onmessage = socket.onerror = null;
      if (socket instanceof WebSocket) socket.onclose = null;
      socket.close();
      this.state = "closed";
      this.retry = setTimeout(() => {
        this.reconnects++;
        this.connect();
      }, this.retryMs);
      this.retryMs = Math.min(MAX_RETRY_MS, 2 * this.retryMs);
    };
    if (socket instanceof WebSocket) socket.onclose = lost;
    // An EventSource reconnects by itself after a dropped connection; once it gives up (CLOSED), so do we.
    socket.onerror = () => {
      if (socket instanceof WebSocket || socket.readyState === EventSource.CLOSED) lost();
      else this.state = "connecting";
    };
  }

  private receive(data: unknown): void {
    try {
      this.rows(parseFeedMessage(data, this.spec));
    } catch (error) {
      this.rejected++;
      this.lastProblem = (error as Error).message;
    }
  }
}
