import { html, nothing, type ReactiveController, type ReactiveControllerHost } from "lit";
import type { PickedPoint } from "../../protocol/index.js";
import type { PlotSession } from "../session/plot-session.js";

/** What the readout shows: a panel's x, each series' point nearest it, and where the crosshair goes. */
interface Shown {
  x: number;
  datetime: boolean;
  points: PickedPoint[];
  /** The crosshair, in the element's own coordinates; and the element's width. */
  left: number;
  width: number;
  top: number;
  height: number;
}

/**
 * The hover readout: while the pointer is over a panel's plot area, a crosshair at its x and the
 * values of each named series there, read from the data the worker holds (not from the reduced
 * points drawn). One question to the worker per animation frame at most. `linked` hears the x the
 * pointer is at (undefined when it leaves), for the plots linked to this one.
 */
export class ReadoutController implements ReactiveController {
  shown: Shown | undefined;
  private pointer: { clientX: number; clientY: number } | undefined;
  private scheduled = false;
  /** Counts questions, so that an answer overtaken by a newer one is dropped. */
  private asked = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly session: () => PlotSession | undefined,
    private readonly linked: (x: number | undefined) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener("pointermove", this.moved);
    this.host.addEventListener("pointerleave", this.left);
  }

  hostDisconnected(): void {
    this.host.removeEventListener("pointermove", this.moved);
    this.host.removeEventListener("pointerleave", this.left);
    this.hide();
  }

  /** Shows the readout at data x of the main panel (a linked plot's pointer), or hides it. */
  showAt(x: number | undefined): void {
    if (x === undefined) return this.hide();
    void this.ask(0, x);
  }

  private readonly moved = (event: PointerEvent): void => {
    this.pointer = { clientX: event.clientX, clientY: event.clientY };
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      const spot = this.pointer && this.session()?.locate(this.pointer.clientX, this.pointer.clientY);
      if (!spot) {
        this.hide();
        this.linked(undefined);
        return;
      }
      void this.ask(spot.panel, spot.x);
      if (spot.panel === 0) this.linked(spot.x);
    });
  };

  private readonly left = (): void => {
    this.pointer = undefined;
    this.hide();
    this.linked(undefined);
  };

  private async ask(panel: number, x: number): Promise<void> {
    const session = this.session();
    const asked = ++this.asked;
    const line = session?.crosshair(panel, x);
    if (!session || !line) return this.hide();
    const points = await session.pick(panel, x);
    if (asked !== this.asked) return;
    const box = this.host.getBoundingClientRect();
    this.shown = { x, datetime: session.datetime(panel), points, left: line.left - box.left, top: line.top - box.top, height: line.height, width: box.width };
    this.host.requestUpdate();
  }

  private hide(): void {
    this.asked++;
    if (!this.shown) return;
    this.shown = undefined;
    this.host.requestUpdate();
  }

  render() {
    const shown = this.shown;
    if (!shown) return nothing;
    return html`<div part="crosshair" style="left: ${shown.left}px; top: ${shown.top}px; height: ${shown.height}px"></div>
      <div part="readout" role="status" style="${shown.left > shown.width / 2 ? `right: ${shown.width - shown.left}px` : `left: ${shown.left}px`}; top: ${shown.top}px">
        <div class="readout-x">x: ${formatX(shown.x, shown.datetime)}</div>
        ${shown.points.map((point) => html`<div><span class="swatch" style="background: ${point.color}"></span>${point.name}: ${formatValue(point.y)} <span class="at">at ${formatX(point.x, shown.datetime)}</span></div>`)}
      </div>`;
  }
}

/** A value with 6 significant digits at most, without trailing zeros. */
export function formatValue(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
}

/** An x: epoch milliseconds as UTC date and time on a time axis, else a value. */
function formatX(x: number, datetime: boolean): string {
  return datetime && Number.isFinite(x) ? new Date(x).toISOString().replace("T", " ").replace("Z", " UTC") : formatValue(x);
}
