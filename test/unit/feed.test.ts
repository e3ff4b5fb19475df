// A stream's feed: messages read as JSON rows, arrays of rows, columns or binary Float64 rows; bad
// ones counted and skipped; the connection opened again after a loss with a doubling backoff. The
// connection runs on stand-ins for the browser's WebSocket and EventSource, and node's mock timers.
import { mock, test } from "node:test";
import assert from "node:assert/strict";
import type { PushChunk, PushSpec } from "../../src/protocol/types.js";
import { Feed, parseFeedMessage } from "../../src/worker/jobs/feed.js";
import { failsWith } from "./fails-with.js";

const SPEC: PushSpec = { series: ["a", "b"], x: "value", keep: 100 };
const table = (chunk: PushChunk) => Object.fromEntries(Object.entries(chunk.columns).map(([name, column]) => [name, [...column]]));

test("JSON messages: a row, an array of rows, or columns; null is NaN (a break in the line)", () => {
  assert.deepEqual(table(parseFeedMessage('{"x": 1, "a": 2, "b": 3}', SPEC)), { x: [1], a: [2], b: [3] });
  assert.deepEqual(table(parseFeedMessage('[{"x": 1, "a": 2, "b": 3}, {"x": 2, "a": null, "b": 5}]', SPEC)), { x: [1, 2], a: [2, NaN], b: [3, 5] });
  assert.deepEqual(table(parseFeedMessage('{"x": [1, 2], "a": [3, 4], "b": [5, 6]}', SPEC)), { x: [1, 2], a: [3, 4], b: [5, 6] });
  assert.equal(parseFeedMessage('{"x": [1, 2], "a": [3, 4], "b": [5, 6]}', SPEC).rows, 2);
  assert.deepEqual(table(parseFeedMessage('{"a": 1, "b": 2}', { ...SPEC, x: "index" })), { a: [1], b: [2] }, "no x when x is the index");
});

test("binary messages: little-endian Float64 rows, x first", () => {
  const bytes = new DataView(new ArrayBuffer(48));
  [1, 2, 3, 4, 5, 6].forEach((value, i) => bytes.setFloat64(8 * i, value, true));
  assert.deepEqual(table(parseFeedMessage(bytes.buffer, SPEC)), { x: [1, 4], a: [2, 5], b: [3, 6] });
  assert.deepEqual(table(parseFeedMessage(bytes.buffer, { ...SPEC, x: "index" })), { a: [1, 3, 5], b: [2, 4, 6] });
  assert.throws(() => parseFeedMessage(new ArrayBuffer(40), SPEC), failsWith("invalid-data", /whole rows of 3 Float64 values \(x, a, b\), got 40 bytes/));
});

test("messages that are not rows are invalid-data saying why", () => {
  const cases: [unknown, RegExp][] = [
    ["not json", /not JSON: not json/],
    ['{"x": 1, "a": 2}', /must give x, a, b as numbers for every row/],
    ['{"x": [1, 2], "a": [3], "b": [5, 6]}', /as numbers for every row/],
    ['[{"x": 1, "a": "2", "b": 3}]', /as numbers for every row/],
    ["[1, 2]", /as numbers for every row/],
    [42, /JSON text or binary Float64 rows, got 42/],
  ];
  for (const [message, why] of cases) assert.throws(() => parseFeedMessage(message, SPEC), failsWith("invalid-data", why), String(message));
});

/** Stand-ins for WebSocket and EventSource: the test opens, feeds and drops them. */
class FakeSocket {
  static made: FakeSocket[] = [];
  static readonly CLOSED = 2;
  readyState = 0;
  binaryType = "blob";
  closed = false;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  close(): void {
    this.closed = true;
  }
}
class FakeWebSocket extends FakeSocket {}
class FakeEventSource extends FakeSocket {}

function withFakes(): () => void {
  const saved = { WebSocket: globalThis.WebSocket, EventSource: (globalThis as { EventSource?: unknown }).EventSource };
  Object.assign(globalThis, { WebSocket: FakeWebSocket, EventSource: FakeEventSource });
  FakeSocket.made = [];
  mock.timers.enable({ apis: ["setTimeout"] });
  return () => {
    mock.timers.reset();
    Object.assign(globalThis, saved);
  };
}

test("a WebSocket feed: rows from each message, bad ones counted; a loss reconnects after 250, 500, 1000… ms, reset once open", (t) => {
  t.after(withFakes());
  const chunks: PushChunk[] = [];
  const feed = new Feed("ws://example.test/feed", SPEC, (chunk) => chunks.push(chunk));
  const first = FakeSocket.made[0]!;
  assert.ok(first instanceof FakeWebSocket);
  assert.equal(first.binaryType, "arraybuffer");
  assert.equal(feed.state, "connecting");
  first.onopen!();
  assert.equal(feed.state, "open");
  first.onmessage!({ data: '{"x": 1, "a": 2, "b": 3}' });
  first.onmessage!({ data: "oops" });
  assert.deepEqual(chunks.map(table), [{ x: [1], a: [2], b: [3] }]);
  assert.deepEqual([feed.rejected, feed.lastProblem], [1, "a message is not JSON: oops"]);
  const retries: number[] = [];
  for (let loss = 0; loss < 4; loss++) {
    const socket = FakeSocket.made.at(-1)!;
    socket.onclose!();
    assert.equal(feed.state, "closed");
    assert.ok(socket.closed);
    const made = FakeSocket.made.length;
    let waited = 0;
    while (FakeSocket.made.length === made) {
      mock.timers.tick(50);
      waited += 50;
    }
    retries.push(waited);
  }
  assert.deepEqual(retries, [250, 500, 1000, 2000]);
  assert.equal(feed.reconnects, 4);
  FakeSocket.made.at(-1)!.onopen!();
  FakeSocket.made.at(-1)!.onclose!();
  mock.timers.tick(249);
  assert.equal(FakeSocket.made.length, 5, "not before 250 ms");
  mock.timers.tick(1);
  assert.equal(FakeSocket.made.length, 6, "an open connection set the backoff back to 250 ms");
  feed.dispose();
  assert.ok(FakeSocket.made.at(-1)!.closed);
  assert.equal(feed.state, "closed");
  mock.timers.tick(10_000);
  assert.equal(FakeSocket.made.length, 6, "nothing after dispose");
});

test("the backoff stops doubling at 8 s; a stale socket's events change nothing", (t) => {
  t.after(withFakes());
  const feed = new Feed("wss://example.test/feed", SPEC, () => {});
  for (let loss = 0; loss < 7; loss++) {
    FakeSocket.made.at(-1)!.onclose!();
    mock.timers.tick(8000);
  }
  const made = FakeSocket.made.length;
  FakeSocket.made.at(-1)!.onclose!();
  mock.timers.tick(7999);
  assert.equal(FakeSocket.made.length, made);
  mock.timers.tick(1);
  assert.equal(FakeSocket.made.length, made + 1, "8 s at most");
  const stale = FakeSocket.made[0]!;
  assert.equal(stale.onclose, null, "a dropped socket is let go of");
  feed.dispose();
});

test("an EventSource feed for http URLs: it retries by itself until it gives up, then the feed reconnects", (t) => {
  t.after(withFakes());
  const chunks: PushChunk[] = [];
  const feed = new Feed("https://example.test/events", SPEC, (chunk) => chunks.push(chunk));
  const source = FakeSocket.made[0]!;
  assert.ok(source instanceof FakeEventSource);
  source.onopen!();
  source.onmessage!({ data: '[{"x": 0, "a": 1, "b": 2}]' });
  assert.equal(chunks.length, 1);
  source.onerror!();
  assert.equal(feed.state, "connecting", "EventSource reconnecting by itself");
  assert.equal(FakeSocket.made.length, 1);
  source.readyState = FakeSocket.CLOSED;
  source.onerror!();
  assert.equal(feed.state, "closed");
  mock.timers.tick(250);
  assert.equal(FakeSocket.made.length, 2);
  feed.dispose();
});
