// Out of sight costs nothing: a plot scrolled out of the viewport, `hidden`, or in a background tab
// draws no frames and (by default) its job pauses while its state stays "running"; seen again, it
// carries on from where it was. `offscreen="run"` keeps the job simulating without drawing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addPlot, animationFrames, browserSuite, firstEvent, waitForMoreFrames, waitForState } from "./harness.mjs";

const suite = browserSuite();

/** Animation frames to stay out of sight: ≈ 2 s at 60 Hz, long against a resume's first frames. */
const AWAY_FRAMES = 120;

const stats = (page) => page.evaluate(() => document.querySelector("#w").stats);
const state = (page) => page.evaluate(() => document.querySelector("#w").state);
const simTime = (page) => page.evaluate(async () => (await document.querySelector("#w").snapshot()).t);

/**
 * A page with a 3000 px spacer (the viewport is 700 high) and then the plot `#w`, so that the plot
 * starts below the fold. `window.plotInView` follows the plot through an IntersectionObserver of the
 * test's own, created after the element's: it reports in the same rendering update, after it.
 */
async function openBelowTheFold(attributes) {
  const opened = await suite.open("/test/pages/blank.html");
  const { page } = opened;
  await page.evaluate(() => {
    const spacer = document.createElement("div");
    spacer.id = "spacer";
    spacer.style.height = "3000px";
    document.body.append(spacer);
  });
  await addPlot(page, "w", attributes);
  await page.evaluate(() => {
    window.plotInView = undefined;
    new IntersectionObserver((entries) => (window.plotInView = entries.at(-1).isIntersecting)).observe(document.querySelector("#w"));
  });
  return opened;
}

/** Runs `change` in the page and waits until the plot's visibility is `inView` and the element has heard of it. */
async function changeView(page, change, inView) {
  await page.evaluate(change);
  await page.waitForFunction((wanted) => window.plotInView === wanted, inView);
  await animationFrames(page, 2);
}

const scrollToPlot = (page) => changeView(page, () => document.querySelector("#w").scrollIntoView(), true);
const scrollToTop = (page) => changeView(page, () => window.scrollTo(0, 0), false);

/** Makes the page's tab look like a background tab (or a front one again), as Chromium reports it. */
function setTabVisibility(page, visibility) {
  return page.evaluate((visibility) => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => visibility });
    document.dispatchEvent(new Event("visibilitychange"));
  }, visibility);
}

/**
 * The simulated time once it has stopped moving: two snapshots three animation frames apart agree.
 * A pause message may still be crossing to the worker when the page stops drawing; a job that never
 * pauses (its t moves every 4 ms slice) never agrees and fails here.
 */
async function pausedTime(page) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const before = await simTime(page);
    await animationFrames(page, 3);
    const after = await simTime(page);
    if (after === before) return after;
  }
  assert.fail("the job kept advancing out of sight: it did not pause");
}

/** Milliseconds of the page's clock spent in `wait`. */
async function timed(page, wait) {
  const start = await page.evaluate(() => performance.now());
  await wait();
  return (await page.evaluate(() => performance.now())) - start;
}

/**
 * Out of sight → paused (no frames, t still, state running, no dropped frames) → seen again →
 * frames flow and t continues from where it stopped. `hide` and `show` change the visibility.
 */
async function checkPauseAndResume(page, hide, show) {
  await waitForMoreFrames(page, "#w", 5);
  const droppedBefore = (await stats(page)).droppedFrames;

  await hide();
  const framesAway = (await stats(page)).frames;
  const pausedT = await pausedTime(page);
  assert.ok(pausedT > 0, "the job ran while it was seen");
  const awayMs = await timed(page, () => animationFrames(page, AWAY_FRAMES));
  assert.equal((await stats(page)).frames, framesAway, "no frames are shown out of sight");
  assert.equal(await simTime(page), pausedT, "simulated time stands still out of sight");
  assert.equal(await state(page), "running", "the state stays running while paused");

  await show();
  // The first t past the paused one, polled in the page every animation frame. (Not with
  // page.waitForFunction: it does not await an async predicate, whose promise passes at once.)
  const resumedT = await page.evaluate(async (paused) => {
    const element = document.querySelector("#w");
    for (let frame = 0; frame < 1200; frame++) {
      const { t } = await element.snapshot();
      if (t > paused) return t;
      await new Promise(requestAnimationFrame);
    }
    return null;
  }, pausedT);
  assert.ok(resumedT !== null, `the job resumes: t stayed at ${pausedT}`);
  // Resuming carries on from the paused t: only the few frames since the resume are simulated, not
  // the time spent out of sight (awayMs, ≈ 2 s). Half of that time is far above what a resume's
  // first frame takes, and far below a job that caught up (or ran on) while unseen, on any machine:
  // both measures are of the same page's clock.
  assert.ok(resumedT - pausedT < awayMs / 1000 / 2, `resumed at t = ${resumedT}, paused at ${pausedT}, ${awayMs.toFixed(0)} ms out of sight`);
  // Refreshes while unseen are no dropped frames: had they counted, the first frame after the
  // resume would add about AWAY_FRAMES of them. Half of that leaves room for real drops.
  await waitForMoreFrames(page, "#w", 2);
  const dropped = (await stats(page)).droppedFrames - droppedBefore;
  assert.ok(dropped < AWAY_FRAMES / 2, `${dropped} dropped frames counted across the time out of sight`);

  await waitForMoreFrames(page, "#w", 10);
  assert.ok((await simTime(page)) > resumedT, "it keeps running once seen");
  assert.equal(await state(page), "running");
}

test("a plot scrolled out of view pauses (state still running) and resumes where it was", async () => {
  const { page, close } = await openBelowTheFold({ job: "wave", autostart: "" });
  await waitForState(page, "#w", "running");
  await scrollToPlot(page);
  await checkPauseAndResume(page, () => scrollToTop(page), () => scrollToPlot(page));
  await close();
});

test("a hidden plot pauses and resumes when `hidden` is removed", async () => {
  const { page, close } = await openBelowTheFold({ job: "wave", autostart: "" });
  await waitForState(page, "#w", "running");
  await page.evaluate(() => document.querySelector("#spacer").remove());
  await page.waitForFunction(() => window.plotInView === true);
  await checkPauseAndResume(
    page,
    () => changeView(page, () => (document.querySelector("#w").hidden = true), false),
    () => changeView(page, () => (document.querySelector("#w").hidden = false), true),
  );
  await close();
});

test("a plot in a background tab pauses and resumes when the tab is in front again", async () => {
  const { page, close } = await openBelowTheFold({ job: "wave", autostart: "" });
  await waitForState(page, "#w", "running");
  await scrollToPlot(page);
  // visibilitychange is heard synchronously: the element has paused when the event returns.
  await checkPauseAndResume(
    page,
    () => setTabVisibility(page, "hidden"),
    () => setTabVisibility(page, "visible"),
  );
  await close();
});

test('offscreen="run" keeps simulating out of sight without drawing, and draws again when seen', async () => {
  const { page, close } = await openBelowTheFold({ job: "wave", autostart: "", offscreen: "run" });
  await waitForState(page, "#w", "running");
  await scrollToPlot(page);
  await waitForMoreFrames(page, "#w", 5);

  await scrollToTop(page);
  const frames = (await stats(page)).frames;
  const t = await simTime(page);
  await animationFrames(page, 30);
  assert.equal((await stats(page)).frames, frames, "no frames are shown out of sight");
  const later = await simTime(page);
  assert.ok(later > t, `simulated time goes on out of sight: ${later} after ${t}`);
  assert.equal(await state(page), "running");

  await scrollToPlot(page);
  await waitForMoreFrames(page, "#w", 5);
  assert.ok((await simTime(page)) > later);
  await close();
});

test("a plot that starts below the fold shows nothing and does not run until it is scrolled into view", async () => {
  const { page, close } = await openBelowTheFold({ job: "wave", autostart: "" });
  await waitForState(page, "#w", "running");
  await animationFrames(page, 30);
  assert.equal((await stats(page)).frames, 0, "no frames below the fold");
  assert.equal(await simTime(page), 0, "the job has not advanced below the fold");
  assert.equal(await state(page), "running");

  await scrollToPlot(page);
  await waitForMoreFrames(page, "#w", 10);
  assert.ok((await simTime(page)) > 0, "it runs once seen");
  assert.equal(await page.evaluate(() => window.events.w.filter((e) => e.type === "live-plot-error").length), 0);
  await close(); // also checks that nothing was logged as an error
});

test('an invalid offscreen value is an invalid-attribute error; fixed, the plot starts', async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "o", { job: "wave", autostart: "", offscreen: "sometimes" });
  const { detail } = await firstEvent(page, "o", "live-plot-error");
  assert.equal(detail.code, "invalid-attribute");
  assert.match(detail.message, /offscreen must be "pause" or "run", got "sometimes"/);
  await page.evaluate(() => document.querySelector("#o").setAttribute("offscreen", "run"));
  await waitForState(page, "#o", "running");
  await close();
});
