// The engine's job runners at their edges: steps that take many slices under the real scheduler,
// stops and pauses that must not move time, restarts that keep or replace the buffer pool, and
// job code that throws or finishes. The page's side is engine-harness.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Job, JobFactory } from "../../src/protocol/types.js";
import { createEngine } from "../../src/worker/engine/engine.js";
import { FRAME_MS } from "../../src/worker/engine/frame-time.js";
import { JobRunner } from "../../src/worker/engine/job-runner.js";
import { createWave } from "../../src/worker/jobs/wave.js";
import { testContext } from "./context.js";
import { countWorkClock } from "./work-clock.js";
import { Page, WAVE, finishingWave, harness, options, settle, value } from "./engine-harness.js";

// A sixteenth of a millisecond per look: slice budgets in whole milliseconds then hold an exact
// number of looks, with no rounding at the boundary.
const LOOK_MS = 1 / 16;
countWorkClock(LOOK_MS);

/** The wave, with its update taken away: every new parameter restarts it. */
const withoutUpdate: JobFactory = async (params, context) => {
  const { update: _, ...wave } = await createWave(params, context);
  return wave;
};

/** The wave, recording the milliseconds of each advance. */
function recordingAdvances(calls: number[]): JobFactory {
  return async (params, context) => {
    const wave = await createWave(params, context);
    return { ...wave, advance: (ms) => (calls.push(ms), wave.advance(ms)) } satisfies Job;
  };
}

async function runnerFor(factory: JobFactory, now: () => number, params: Record<string, unknown> = WAVE) {
  const page = new Page();
  const runner = await JobRunner.create(factory, params, testContext(), page.workerPort, now);
  return { page, runner };
}

test("the engine's own clock is the real one: a started job moves with time", options, async () => {
  const engine = createEngine();
  const page = new Page();
  const { id } = value(await engine.create({ job: "wave", params: WAVE, context: testContext() }, page.workerPort));
  value(await engine.start(id));
  const started = performance.now();
  while (performance.now() - started < 30) await new Promise((resolve) => setTimeout(resolve, 5));
  value(await engine.stop(id));
  const t = value(await engine.snapshot(id)).t as number;
  assert.ok(t > 0.02, `t = ${t} after 30 ms of real time`);
  value(await engine.dispose(id));
  page.close();
});

test("a step of many slices runs to its end under the scheduler, with no other call to drive it", options, async (t) => {
  const h = harness(t);
  const { id } = await h.create();
  value(await h.engine.step(id, 1000));
  assert.ok(Math.abs((await h.timeOf(id)) as number - 1000 * (FRAME_MS / 1000)) < 1e-9);
});

test("a step slice lasts 8 ms of work: 8 ms of looks at the clock, and the one that finds it over", options, async () => {
  const { page, runner } = await runnerFor(createWave, () => 0);
  void runner.step(1000);
  // step() runs its first slice at once; each frame of the slice looks at the clock once.
  const frames = 8 / LOOK_MS + 1;
  assert.ok(Math.abs((runner.snapshot().t as number) - (frames * FRAME_MS) / 1000) < 1e-9, `${runner.snapshot().t}`);
  runner.stop();
  runner.dispose();
  page.close();
});

test("stop() on a stopped job changes nothing: the same time, the same frame", options, async (t) => {
  const h = harness(t);
  const { id, page } = await h.create();
  page.credit();
  await page.nextFrame();
  h.advance(50);
  const stopped = value(await h.engine.stop(id));
  assert.equal(stopped.seq, 1, "the frame already sent shows it");
  assert.equal(await h.timeOf(id), 0);
});

test("step() stops a running job: after it, ticks and time move nothing", options, async (t) => {
  const h = harness(t);
  const { id } = await h.create();
  value(await h.engine.start(id));
  value(await h.engine.step(id, 2));
  const after = await h.timeOf(id);
  assert.equal(h.runnerOf(id).running, false);
  h.advance(50);
  h.runnerOf(id).tick();
  assert.equal(await h.timeOf(id), after);
});

test("configure applies live parameters without a restart: the time goes on from where it was", options, async (t) => {
  const h = harness(t);
  const { id } = await h.create();
  value(await h.engine.step(id, 6));
  const answer = value(await h.engine.configure(id, { ...WAVE, frequency: 3 }));
  assert.equal(answer.restarted, false);
  assert.ok(Math.abs((await h.timeOf(id)) as number - 0.1) < 1e-12, "six frames of 1/60 s, kept");
});

test("a job without update() restarts for any new parameter", options, async (t) => {
  const { page, runner } = await runnerFor(withoutUpdate, () => 0);
  t.after(() => (runner.dispose(), page.close()));
  await runner.step(6);
  const answer = await runner.configure({ ...WAVE, frequency: 3 });
  assert.equal(answer.restarted, true);
  assert.equal(runner.snapshot().t, 0);
});

/** Takes `frames` frames, each after `between()`, returning the buffers of each older one with the next credit. */
async function framesOf(page: Page, frames: number, between: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < frames; i++) {
    await between();
    page.credit();
    await page.nextFrame();
  }
}

test("a restart with the same display scene keeps the buffer sets: frames keep coming in the same two", options, async (t) => {
  const h = harness(t);
  const { id, page } = await h.create();
  await framesOf(page, 8, () => h.engine.reset(id));
  // The first two frames fill the two sets; every later one goes out in buffers the page gave back.
  for (const buffers of page.sentInFrames.slice(2)) assert.ok(buffers.every((buffer) => page.returnedToWorker.has(buffer)));
  assert.equal(page.sentInFrames.length, 8);
  assert.equal(h.runnerOf(id).allocatedFrames, 2, "the pool that made them is the one still in use");
});

test("a restart with a new image size sends frames sized for the display scene, every one", options, async (t) => {
  const h = harness(t);
  const { result, page } = await h.tryCreate("pixels", { width: 8, height: 8 });
  const { id } = value(result);
  page.credit();
  await page.nextFrame();
  page.credit();
  value(await h.engine.configure(id, { width: 16, height: 16 }));
  const scene = h.runnerOf(id).scene;
  for (let i = 0; i < 3; i++) {
    const { data } = await page.nextFrame();
    for (const [name, source] of Object.entries(data)) {
      for (const column of Object.values(source.columns)) assert.equal(column.length, scene.sources[name]!.capacity, `${name} in frame ${i}`);
    }
    value(await h.engine.reset(id));
    page.credit();
  }
});

test("a pause message that changes nothing loses no time: a running job goes on from its last slice", options, async (t) => {
  let time = 0;
  const { page, runner } = await runnerFor(createWave, () => time);
  t.after(() => (runner.dispose(), page.close()));
  runner.start();
  time = 50;
  page.postRaw({ type: "pause", paused: false });
  await settle();
  runner.stop();
  assert.ok(Math.abs((runner.snapshot().t as number) - 0.05) < 1e-12, `${runner.snapshot().t}`);
});

/** Resolves once `ready()` holds, looking after each turn of the event loop's timers. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 1));
}

test("a resumed job is ticked again by the scheduler, which went idle while it was paused", options, async (t) => {
  const h = harness(t);
  const { id, page } = await h.create();
  const runner = h.runnerOf(id);
  /** Whether the job was active at each of the scheduler's ticks. */
  const ticks: boolean[] = [];
  const tick = runner.tick.bind(runner);
  runner.tick = () => {
    ticks.push(runner.active);
    tick();
  };
  value(await h.engine.start(id));
  page.postRaw({ type: "pause", paused: true });
  // A tick that finds the only job paused is the scheduler's last until something wakes it.
  await until(() => ticks.includes(false));
  const before = ticks.length;
  page.postRaw({ type: "pause", paused: false });
  await until(() => ticks.length > before);
  assert.equal(ticks.at(-1), true);
  value(await h.engine.stop(id));
});

test("advance() is never asked for no time: ticks at one instant advance the job once", options, async (t) => {
  let time = 0;
  const calls: number[] = [];
  const { page, runner } = await runnerFor(recordingAdvances(calls), () => time);
  t.after(() => (runner.dispose(), page.close()));
  runner.start();
  time = 20;
  runner.tick();
  runner.tick();
  runner.stop();
  assert.deepEqual(calls, [20]);
});

test("a job whose frame writing throws: the error, no frame after it, and the job can be reset", options, async (t) => {
  let writes = 0;
  const failing: JobFactory = async (params, context) => {
    const wave = await createWave(params, context);
    return {
      ...wave,
      write(frame) {
        if (++writes === 2) throw new Error("no ink");
        wave.write(frame);
      },
    };
  };
  const { page, runner } = await runnerFor(failing, () => 0);
  t.after(() => (runner.dispose(), page.close()));
  page.credit();
  assert.equal((await page.nextFrame()).seq, 1);
  await runner.step(1);
  page.credit();
  const error = await page.next();
  assert.deepEqual(error, { type: "error", error: { code: "job-failed", message: "no ink" } });
  await settle();
  assert.equal(page.pending, 0, "nothing after the error");
  await runner.reset();
  assert.equal((await page.nextFrame()).seq, 2, "after a reset the credit still waiting brings the next frame");
  assert.equal(runner.allocatedFrames, 2, "the set the failed frame took went back to the pool");
});

test("a finished job reports it once: a new view after the end brings a frame, not the news again", options, async (t) => {
  const finite = finishingWave(1);
  const { page, runner } = await runnerFor(finite, () => 0);
  t.after(() => (runner.dispose(), page.close()));
  await runner.step(1);
  page.credit();
  assert.equal((await page.next()).type, "frame");
  assert.equal((await page.next()).type, "finished");
  page.postRaw({ type: "view", panels: [{ x: [1, 2], y: [-1, 1], width: 50, height: 40, pixelRatio: 1 }] });
  page.credit();
  assert.equal((await page.next()).type, "frame");
  await settle();
  assert.equal(page.pending, 0, "no second finished");
});

test("a restart that changes the display scene (a raster layer appears) sends frames in buffers of the new scene", options, async (t) => {
  const h = harness(t);
  const few = { x: [0, 1, 2, 3], y: [1, 3, 2, 5] };
  const { result, page } = await h.tryCreate("regression", few);
  const { id, scene } = value(result);
  page.credit();
  await page.nextFrame();
  // 5000 points: more than the scatter's 4096 markers, so its display scene gains a density layer.
  const many = { x: Array.from({ length: 5000 }, (_, i) => i), y: Array.from({ length: 5000 }, (_, i) => Math.sin(i)) };
  const answer = value(await h.engine.configure(id, many));
  assert.equal(answer.restarted, true);
  assert.ok(Object.keys(answer.scene.sources).length > Object.keys(scene.sources).length, "a new source: the layer");
  page.credit();
  const frame = await page.nextFrame();
  assert.deepEqual(Object.keys(frame.data).sort(), Object.keys(answer.scene.sources).sort(), "the frame has every source of the new scene");
  for (const [name, source] of Object.entries(frame.data)) {
    for (const column of Object.values(source.columns)) assert.equal(column.length, answer.scene.sources[name]!.capacity, name);
  }
});
