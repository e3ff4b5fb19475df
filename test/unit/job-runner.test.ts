// The engine and its job runners, driven through real MessagePorts with a fake clock. The test
// plays the page (engine-harness.ts): it grants credits, receives frames, and returns the buffers it
// no longer shows.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { ErrorInfo } from "../../src/protocol/errors.js";
import type { FrameData, JobFactory, Scene } from "../../src/protocol/types.js";
import { FramePool } from "../../src/worker/engine/frame-pool.js";
import { JobRunner } from "../../src/worker/engine/job-runner.js";
import { createWave } from "../../src/worker/jobs/wave.js";
import { assertClose, assertWave } from "./wave-assert.js";
import { FrameReducer } from "../../src/worker/reduction/frame-reducer.js";
import { m4Capacity } from "../../src/worker/reduction/m4.js";
import { testContext } from "./context.js";
import { countWorkClock } from "./work-clock.js";
import { WAVE, WIRE, failure, finishingWave, harness, options, settle, value, type LivePlotErrorLike } from "./engine-harness.js";

countWorkClock();

test("create answers with the id and the scene", options, async (t) => {
  const h = harness(t);
  const first = await h.create();
  const second = await h.create({ points: 10 });
  assert.equal(typeof first.id, "number");
  assert.notEqual(first.id, second.id);
  const expected = await createWave(WAVE, testContext());
  assert.deepEqual(first.scene, new FrameReducer(expected.scene, testContext().viewport).scene, "the display scene of the job's scene");
  // What the page is sent is bounded by its pixels, not by the job's size.
  assert.equal(first.scene.sources[WIRE]?.capacity, m4Capacity(testContext().viewport.width));
  assert.deepEqual(second.scene, first.scene);
});

test("create fails with invalid-module for a module that cannot be loaded or has no factory", options, async (t) => {
  const h = harness(t);
  const missing = failure((await h.tryCreate("file:///nonexistent/job.js", {})).result, "invalid-module");
  assert.match(missing.message, /could not load job module file:\/\/\/nonexistent\/job\.js/);
  const noFactory = failure((await h.tryCreate("data:text/javascript,export const x = 1;", {})).result, "invalid-module");
  assert.match(noFactory.message, /must export a job factory/);
});

test("create fails with invalid-params for bad params", options, async (t) => {
  const h = harness(t);
  const error = failure((await h.tryCreate("wave", { points: 1 })).result, "invalid-params");
  assert.match(error.message, /points must be an integer >= 2/);
  failure((await h.tryCreate("wave", { pionts: 10 })).result, "invalid-params");
});

test("no frame without a credit; one credit brings exactly frame 1, the initial state", options, async (t) => {
  const h = harness(t);
  const { id, page } = await h.create();
  await settle();
  assert.equal(page.pending, 0, "no frame before the first credit");

  page.credit();
  await settle();
  assert.equal(page.pending, 1, "the due frame arrived within settle()");
  const frame = await page.nextFrame();
  assert.equal(frame.seq, 1);
  assertWave(frame.data, { ...WAVE, t: 0 }, WIRE);
  assert.deepEqual(frame.counters, { steps: 0 });
  assert.deepEqual(value(await h.engine.snapshot(id)), { t: 0, frames: 1 });

  page.credit();
  await settle();
  assert.equal(page.pending, 0, "nothing changed, so a second credit brings no frame while stopped");
});

test("while running with the clock advancing, frames never exceed credits", options, async (t) => {
  const h = harness(t);
  const { id, page } = await h.create();
  value(await h.engine.start(id));
  const rounds = 30;
  const msPerRound = 5;
  for (let round = 0; round < rounds; round++) {
    h.advance(msPerRound);
    // The scheduler advances the job on its own; without a credit that must not send a frame.
    await h.nextTick(id);
    if (round % 3 === 2) {
      page.credit();
      const frame = await page.nextFrame();
      assert.equal(frame.seq, page.framesReceived);
    }
    await settle();
    assert.equal(page.pending, 0, `round ${round}: no frame beyond the credits`);
    assert.equal(page.framesReceived, page.creditsGranted, `round ${round}: every credit brought one frame`);
  }
  assert.equal(page.overdrafts, 0);
  assert.equal(page.framesReceived, rounds / 3);
  assertClose(await h.timeOf(id), (rounds * msPerRound) / 1000, "t");
});

test("step(3) advances exactly 3 frames of 1/60 s and answers the seq of the frame that shows it", options, async (t) => {
  const h = harness(t);
  const { id, page } = await h.create();
  page.credit();
  assert.equal((await page.nextFrame()).seq, 1);

  const shown = value(await h.engine.step(id, 3));
  assertClose(await h.timeOf(id), 0.05, "t");
  page.credit();
  const frame = await page.nextFrame();
  assert.equal(frame.seq, shown.seq);
  assert.equal(shown.seq, 2);
  assertWave(frame.data, { ...WAVE, t: 0.05 }, WIRE);
  assert.deepEqual(frame.counters, { steps: 3 });
});

test("stop answers the seq of the state it stopped at; then time stands still", options, async (t) => {
  const h = harness(t);
  const { id, page } = await h.create();
  value(await h.engine.start(id));
  page.credit();
  assert.equal((await page.nextFrame()).seq, 1);

  h.advance(40);
  const stopped = value(await h.engine.stop(id));
  assert.equal(stopped.seq, 2, "the stopped state is still to be sent");
  assertClose(await h.timeOf(id), 0.04, "t at stop");

  h.advance(500);
  for (let i = 0; i < 3; i++) page.credit();
  await settle();
  assert.deepEqual(page.takeFrameSeqs(), [stopped.seq], "only the stopped state is sent");
  assertClose(await h.timeOf(id), 0.04, "t after stop");
  assert.equal(h.runnerOf(id).running, false);
});

test("the frame stop promises shows the stopped state", options, async (t) => {
  const h = harness(t);
  const { id, page } = await h.create();
  value(await h.engine.start(id));
  h.advance(30);
  const stopped = value(await h.engine.stop(id));
  assert.equal(stopped.seq, 1);
  page.credit();
  const frame = await page.nextFrame();
  assert.equal(frame.seq, stopped.seq);
  assertWave(frame.data, { ...WAVE, t: 0.03 }, WIRE);
});

test("reset returns to the initial state and sends it", options, async (t) => {
  const h = harness(t);
  const { id, page } = await h.create();
  const initial = value(await h.engine.snapshot(id));
  assert.deepEqual(initial, { t: 0, frames: 0 });

  value(await h.engine.step(id, 5));
  page.credit();
  assert.equal((await page.nextFrame()).seq, 1);
  assert.notDeepEqual(value(await h.engine.snapshot(id)), initial);

  const shown = value(await h.engine.reset(id));
  assert.deepEqual(value(await h.engine.snapshot(id)), initial);
  page.credit();
  const frame = await page.nextFrame();
  assert.equal(frame.seq, shown.seq);
  assertWave(frame.data, { ...WAVE, t: 0 }, WIRE);
  assert.deepEqual(frame.counters, { steps: 0 });
});

const STEADY_JOBS: [string, Record<string, unknown>][] = [
  ["wave", WAVE],
  ["pixels", { width: 40, height: 30, rate: 1000 }],
  ["gray-scott", { width: 64, height: 48 }],
];
for (const [job, params] of STEADY_JOBS) {
  test(`steady state allocates nothing: 200 round trips of ${job} reuse the two buffer sets`, options, async (t) => {
    const h = harness(t);
    const { result, page } = await h.tryCreate(job, params);
    const { id } = value(result);
    value(await h.engine.start(id));
    const trips = 200;
    for (let trip = 1; trip <= trips; trip++) {
      h.advance(16);
      page.credit();
      assert.equal((await page.nextFrame()).seq, trip);
    }
    // From the third credit on, each returned the buffers of the frame before the shown one.
    assert.equal(page.buffersReturned, trips - 2);
    assert.equal(h.runnerOf(id).allocatedFrames, 2);
    // And the engine sent each frame from the third on in exactly the buffers that came back to it
    // (the very objects, not copies): a pool that copied or allocated would fail here.
    const reused = page.sentInFrames.slice(2).flat();
    assert.ok(reused.length >= trips - 2);
    assert.equal(reused.filter((buffer) => !page.returnedToWorker.has(buffer)).length, 0, "frames sent in buffers that never came back");
    assert.equal(page.overdrafts, 0);
    value(await h.engine.stop(id));
  });
}

test("messages on the data port other than credits release nothing", options, async (t) => {
  const h = harness(t);
  const { page } = await h.create();
  page.postRaw({ type: "hello" });
  await settle();
  assert.equal(page.pending, 0, "no frame for a message that is not a credit");
  page.credit();
  assert.equal((await page.nextFrame()).seq, 1);
});

test("a credit waits while the page holds both buffer sets", options, async (t) => {
  const h = harness(t);
  const { id, page } = await h.create();
  value(await h.engine.start(id));
  for (let seq = 1; seq <= 2; seq++) {
    h.advance(16);
    page.credit();
    assert.equal((await page.nextFrame()).seq, seq);
  }

  // The page shows frame 2 and still holds frame 1: the engine has no free set to write into.
  h.advance(16);
  page.credit({ keepSpent: true });
  await settle();
  assert.equal(page.pending, 0, "no frame without a free buffer set");
  assert.equal(h.runnerOf(id).allocatedFrames, 2, "no set allocated for the waiting credit");

  // Returning frame 1 frees one set: one frame for the two credits outstanding.
  page.credit();
  await settle();
  assert.deepEqual(page.takeFrameSeqs(), [3]);
  assert.equal(h.runnerOf(id).allocatedFrames, 2);
  value(await h.engine.stop(id));
});

test("a job whose advance() throws reports job-failed on its port and stops", options, async (t) => {
  const h = harness(t);
  const page = h.newPage();
  const failing: JobFactory = async (params, context) => ({
    ...(await createWave(params, context)),
    advance() {
      throw new Error("boom: the integrator diverged");
    },
  });
  const runner = await JobRunner.create(failing, WAVE, testContext(), page.workerPort, h.now);
  t.after(() => runner.dispose());

  runner.start();
  assert.equal(runner.running, true);
  h.advance(10);
  runner.tick();
  const message = await page.next();
  if (message.type !== "error") assert.fail(`expected an error, got ${JSON.stringify(message)}`);
  assert.equal(message.error.code, "job-failed");
  assert.match(message.error.message, /boom: the integrator diverged/);
  assert.equal(runner.running, false);

  page.credit();
  await settle();
  assert.equal(page.pending, 0, "a failed job sends no frames");
  assert.throws(() => runner.step(1), (error: ErrorInfo) => error.code === "job-failed" && /reset/.test(error.message), "step() on a failed job says to reset");
  assert.deepEqual(runner.stop(), { seq: 0 }, "stop() promises no frame that will never come");
});

test("configure applies a new frequency live and restarts for new points", options, async (t) => {
  const h = harness(t);
  const { id, page } = await h.create();
  page.credit();
  assert.equal((await page.nextFrame()).seq, 1);

  const live = value(await h.engine.configure(id, { ...WAVE, frequency: 3 }));
  assert.equal(live.restarted, false);
  page.credit();
  const liveFrame = await page.nextFrame();
  assert.equal(liveFrame.seq, live.seq);
  assertWave(liveFrame.data, { ...WAVE, frequency: 3, t: 0 }, WIRE);

  const restarted = value(await h.engine.configure(id, { ...WAVE, points: 50 }));
  assert.equal(restarted.restarted, true);
  page.credit();
  const restartFrame = await page.nextFrame();
  assert.equal(restartFrame.seq, restarted.seq);
  assertWave(restartFrame.data, { ...WAVE, points: 50, t: 0 }, WIRE);
  // More points do not change what the page is sent (pixel-bounded): the pool stays as it was.
  assert.equal(h.runnerOf(id).allocatedFrames, 2, "no new buffers for a restart with more points");

  failure(await h.engine.configure(id, { ...WAVE, frequency: -1 }), "invalid-params");
  assert.deepEqual(value(await h.engine.snapshot(id)), { t: 0, frames: 1 }, "a rejected configure leaves the job as it was");
});

test("dispose closes the port and forgets the job", options, async (t) => {
  const h = harness(t);
  const { id, page } = await h.create();
  const closed = page.closed();
  value(await h.engine.dispose(id));
  await closed;
  failure(await h.engine.snapshot(id), "job-failed");
  failure(await h.engine.step(id, 1), "job-failed");
});

test("step(n) runs in slices between other work: a stop() answers it early, with the frames done so far", options, async (t) => {
  const h = harness(t);
  // Gray–Scott 32² at 8 steps per frame: 2000 frames take a second or more, while one frame's steps
  // fit in Gray–Scott's own time budget on any machine (even with the mutation run's instrumentation).
  const { result } = await h.tryCreate("gray-scott", { stepsPerFrame: 8, width: 32, height: 32 });
  const { id } = value(result);
  let answered = false;
  const stepping = h.engine.step(id, 2000).then((answer) => {
    answered = true;
    return answer;
  });
  // The worker keeps answering other calls while the step goes on.
  const during = value(await h.engine.snapshot(id)).step as number;
  assert.equal(answered, false, "a long step is still going when another call is answered");
  assert.ok(during < 2000 * 8, `${during} steps done so far`);
  value(await h.engine.stop(id));
  value(await stepping);
  const after = value(await h.engine.snapshot(id)).step as number;
  assert.ok(after >= during && after < 2000 * 8, `stop() cut the step short at ${after} of ${2000 * 8} steps`);
  // A short step completes and answers with the frame that shows it (Gray–Scott's own time budget
  // decides how many of a frame's 8 steps fit).
  const shown = value(await h.engine.step(id, 2));
  assert.ok((value(await h.engine.snapshot(id)).step as number) > after, "the short step advanced");
  assert.ok(shown.seq > 0);
});

test("the engine: every call on an unknown or disposed job is an error naming it; ids are distinct; ping answers", options, async (t) => {
  const h = harness(t);
  const first = await h.create();
  const second = await h.create();
  assert.notEqual(first.id, second.id);
  assert.ok(second.id > first.id, "ids count up");
  value(await h.engine.dispose(first.id));
  for (const call of [() => h.engine.start(first.id), () => h.engine.stop(first.id), () => h.engine.step(first.id, 1), () => h.engine.reset(first.id), () => h.engine.snapshot(first.id), () => h.engine.configure(first.id, WAVE)]) {
    const error = failure(await call(), "job-failed");
    assert.equal(error.message, `no job ${first.id} in this engine (it was disposed)`);
  }
  value(await h.engine.dispose(first.id));
  value(await h.engine.dispose(12345));
  value(await h.engine.ping());
  assert.deepEqual(value(await h.engine.snapshot(second.id)), { t: 0, frames: 0 }, "the other job is untouched");
});

test("a factory that throws: a plain error is job-failed 'failed to start', a coded one keeps its code and message", options, async (t) => {
  const h = harness(t);
  const plain: JobFactory = () => {
    throw new Error("no memory");
  };
  const coded: JobFactory = () => {
    throw Object.assign(new Error("walkers must be positive"), { code: "invalid-params" });
  };
  await assert.rejects(JobRunner.create(plain, {}, testContext(), h.newPage().workerPort, h.now), (error: LivePlotErrorLike) => error.code === "job-failed" && error.message === "the job failed to start: no memory");
  await assert.rejects(JobRunner.create(coded, {}, testContext(), h.newPage().workerPort, h.now), (error: LivePlotErrorLike) => error.code === "invalid-params" && error.message === "walkers must be positive");
});

test("a view message re-reduces the job for the new view and sends it, running or not", options, async (t) => {
  const h = harness(t);
  const { id, page } = await h.create({ ...WAVE, points: 1000 });
  page.credit();
  const first = await page.nextFrame();
  assert.deepEqual(first.ranges[0], { x: [0, 4 * Math.PI], y: [-1.1, 1.1] });
  // A zoom to x in [1, 2] on a plot 50 device pixels wide: one frame, for that view, while stopped.
  page.postRaw({ type: "view", panels: [{ x: [1, 2], y: [-1.1, 1.1], width: 50, height: 40, pixelRatio: 1 }] });
  page.credit();
  const zoomed = await page.nextFrame();
  assert.deepEqual(zoomed.ranges[0], { x: [1, 2], y: [-1.1, 1.1] });
  const xs = zoomed.data[WIRE]!.columns.x!.subarray(0, zoomed.data[WIRE]!.length);
  assert.ok(xs.length > 0 && xs.length <= m4Capacity(50), `${xs.length} points for 50 pixel columns`);
  assert.ok(xs[0]! <= 1 && xs.at(-1)! >= 2 && xs.slice(1, -1).every((x) => x >= 1 && x <= 2), "the view, and one point beyond it on each side");
  assert.equal(h.runnerOf(id).running, false);
});

test("a pause message holds a running job where it is; resumed, it goes on from there without making up the time", options, async (t) => {
  const h = harness(t);
  const { id, page } = await h.create();
  value(await h.engine.start(id));
  h.advance(100);
  h.runnerOf(id).tick();
  const before = (await h.timeOf(id)) as number;
  page.postRaw({ type: "pause", paused: true });
  await settle();
  assert.equal(h.runnerOf(id).active, false, "a paused job wants no slices");
  assert.equal(h.runnerOf(id).running, true, "and is still running");
  h.advance(5000);
  h.runnerOf(id).tick();
  assert.equal(await h.timeOf(id), before, "no time passes while paused");
  page.postRaw({ type: "pause", paused: true });
  page.postRaw({ type: "pause", paused: false });
  await settle();
  assert.equal(h.runnerOf(id).active, true);
  h.advance(50);
  h.runnerOf(id).tick();
  assert.ok(Math.abs((await h.timeOf(id)) as number - before - 0.05) < 1e-9, "50 ms on from where it paused, not 5 s");
  value(await h.engine.stop(id));
});

test("a job that finishes sends its final frame, then finished with the snapshot, once; after a reset it can finish again", options, async (t) => {
  const h = harness(t);
  const page = h.newPage();
  const finite = finishingWave(3);
  const runner = await JobRunner.create(finite, WAVE, testContext(), page.workerPort, h.now);
  t.after(() => runner.dispose());
  /** Runs the job to its end a frame at a time; answers the types of the messages that came. */
  const runToEnd = async (): Promise<string[]> => {
    runner.start();
    const types: string[] = [];
    for (let i = 0; i < 3; i++) {
      h.advance(16);
      runner.tick();
      page.credit();
      await settle();
    }
    while (page.pending > 0) {
      const message = await page.next();
      types.push(message.type);
      if (message.type === "finished") assert.ok(Math.abs((message.snapshot.t as number) - 0.048) < 1e-12, `three advances of 16 ms: ${JSON.stringify(message.snapshot)}`);
    }
    return types;
  };
  page.credit();
  await page.nextFrame();
  const first = await runToEnd();
  assert.equal(first.filter((type) => type === "finished").length, 1, `finished once: ${first}`);
  assert.equal(first.at(-1), "finished");
  assert.equal(first.at(-2), "frame", "the final frame comes before the news");
  assert.equal(runner.running, false);
  page.credit();
  runner.tick();
  await settle();
  assert.equal(page.pending, 0, "no frame and no news after the end");
  runner.start();
  assert.equal(runner.running, false, "a finished job does not start again");
  await runner.reset();
  page.credit();
  await settle();
  page.takeFrameSeqs();
  const again = await runToEnd();
  assert.equal(again.filter((type) => type === "finished").length, 1, `after a reset the run can finish again, and says so: ${again}`);
});

test("stray messages on the data port (null, unknown types) change nothing", options, async (t) => {
  const h = harness(t);
  const { id, page } = await h.create();
  for (const message of [null, 42, { type: "views" }, { type: "credits" }]) page.postRaw(message);
  await settle();
  assert.equal(page.pending, 0);
  page.credit();
  assert.equal((await page.nextFrame()).seq, 1, "one credit, one frame, as ever");
  assert.deepEqual(value(await h.engine.snapshot(id)), { t: 0, frames: 1 });
});

test("the frame pool takes back only buffer sets that fit its scene: the right columns, types and capacity", () => {
  const scene: Scene = {
    sources: { line: { columns: { x: "f64", y: "f64" }, capacity: 4 }, picture: { columns: { rgba: "u32" }, capacity: 2 } },
    glyphs: [],
  };
  const pool = new FramePool(scene, 1);
  const frame = pool.take()!;
  assert.equal(pool.take(), undefined, "a pool of one holds one set");
  const wrong: FrameData[] = [
    { ...frame, line: { length: 0, columns: { x: new Float64Array(4) } } },
    { ...frame, line: { length: 0, columns: { x: new Float64Array(4), y: new Float64Array(5) } } },
    { ...frame, picture: { length: 0, columns: { rgba: new Float64Array(2) } } },
    { line: frame.line! },
  ];
  for (const set of wrong) {
    pool.give(set);
    assert.equal(pool.take(), undefined, "a set that does not fit is dropped");
  }
  pool.give(frame);
  assert.equal(pool.take(), frame, "its own set comes back, the very one");
  assert.equal(pool.allocated, 1);
});
