/**
 * One animation-frame pass for every plot of the page: plots with a new frame ask to be shown in
 * the next pass, and a single requestAnimationFrame callback shows them all, so a page of many
 * plots pays for one callback and one pass, not one per plot.
 */
type Show = (now: number) => void;

const waiting = new Set<Show>();
let requested = 0;

function pass(now: number): void {
  requested = 0;
  const due = [...waiting];
  waiting.clear();
  for (const show of due) show(now);
}

/** Shows via `show` in the next animation frame (once, however often it is asked). */
export function requestShow(show: Show): void {
  waiting.add(show);
  requested ||= requestAnimationFrame(pass);
}

/** Takes back a request that has not run yet. */
export function cancelShow(show: Show): void {
  waiting.delete(show);
}
