import type { ReactiveController, ReactiveControllerHost } from "lit";

/**
 * Whether the element can be seen: in the viewport (an IntersectionObserver, which also reports a
 * `hidden` or `display: none` element as out of it) and in a tab in front (visibilitychange).
 * Calls `changed` whenever that flips.
 */
export class VisibilityController implements ReactiveController {
  seen = true;
  private intersecting = true;
  private observer: IntersectionObserver | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly changed: (seen: boolean) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new IntersectionObserver((entries) => {
      this.intersecting = entries[entries.length - 1]!.isIntersecting;
      this.update();
    });
    this.observer.observe(this.host);
    document.addEventListener("visibilitychange", this.update);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    document.removeEventListener("visibilitychange", this.update);
  }

  private readonly update = (): void => {
    const seen = this.intersecting && document.visibilityState !== "hidden";
    if (seen === this.seen) return;
    this.seen = seen;
    this.changed(seen);
  };
}
