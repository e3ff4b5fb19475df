import { transfer } from "comlink";
import { LivePlotError, isBuiltinJob, sameScene, type ErrorInfo, type JobSpec, type PanelRanges, type RangeSpec, type Scene, type Shown, type Snapshot, type ExportedData, type PickedPoint } from "../../protocol/index.js";
import { BokehPlot, type PlotOptions } from "../bokeh/plot.js";
import { leaseEngine, type EngineLease } from "./engine-client.js";
import { FrameReceiver, type ReceiverEvents } from "./frame-receiver.js";
import { Watchdog } from "./watchdog.js";
import { wireParams } from "./wire-params.js";
import { toPushChunk } from "./push-rows.js";

/**
 * How long the watchdog waits for a silent worker's answer before ending it. A user's code may hang
 * (an endless loop): its worker gets 1.5 s. Built-in jobs work in slices, read CSV files in slices,
 * and take under a second to create even from 10⁷ points: their shared worker gets 2.5 s.
 */
const PATIENCE_MS = { user: 1500, builtIn: 2500 };

/** What a session tells its element: the receiver's news, and a worker lost under the plot. */
export interface SessionEvents extends ReceiverEvents {
  workerLost(error: ErrorInfo): void;
}

/**
 * Everything one mounted plot holds: its engine lease, its job in the worker, its BokehJS document
 * and its frame receiver. `open` builds it all or nothing; `dispose` frees it all.
 */
export class PlotSession {
  private disposed = false;
  private readonly watchdog: Watchdog;
  private steps = 0;
  /** Told when the plot stops or resumes following the live data. */
  onFollowingChange: (following: boolean) => void = () => {};
  /** Told when a zoom or pan by the user is over, or the plot follows the data again. */
  onViewSettled: () => void = () => {};

  private constructor(
    private readonly lease: EngineLease,
    private readonly id: number,
    private sceneShown: Scene,
    private readonly plot: BokehPlot,
    readonly receiver: FrameReceiver,
    /** The element's own ranges for the main panel (`x-range`, `y-range`), over the scene's. */
    private overrides: { x: RangeSpec | undefined; y: RangeSpec | undefined },
    patienceMs: number,
  ) {
    this.watchdog = new Watchdog(lease, receiver, patienceMs);
    const viewChanged = plot.onViewChange;
    plot.onViewChange = () => {
      viewChanged();
      this.onFollowingChange(plot.following);
    };
    plot.onViewSettled = () => this.onViewSettled();
  }

  /** What the plot draws: the engine's display scene. */
  get scene(): Scene {
    return this.sceneShown;
  }

  /** The panel under a client point and the data x there (see BokehPlot.locate). */
  locate(clientX: number, clientY: number): { panel: number; x: number } | undefined {
    return this.plot.locate(clientX, clientY);
  }

  /** Where data x lies in a panel, in client coordinates (see BokehPlot.crosshair). */
  crosshair(panel: number, x: number): { left: number; top: number; height: number } | undefined {
    return this.plot.crosshair(panel, x);
  }

  datetime(panel: number): boolean {
    return this.plot.datetime(panel);
  }

  /** Each named series' point nearest x in a panel, from the data the worker holds. */
  pick(panel: number, x: number): Promise<PickedPoint[]> {
    return this.receiver.pick(panel, x);
  }

  /** Shows or hides a series (a display source) and its raster layer. */
  setVisible(source: string, visible: boolean): void {
    this.plot.setVisible(source, visible);
  }

  /** Return to the live view after a zoom or pan. */
  follow(): void {
    this.plot.follow();
  }

  get ranges(): PanelRanges {
    return this.plot.ranges;
  }

  get following(): boolean {
    return this.plot.following;
  }

  hold(ranges: PanelRanges): void {
    this.plot.hold(ranges);
  }

  /** The main panel's title and axis labels (the attributes'; undefined: the scene's). */
  setTexts(texts: { title: string | undefined; xLabel: string | undefined; yLabel: string | undefined }): void {
    const scene = this.sceneShown;
    this.plot.setTexts({ title: texts.title ?? scene.title ?? "", xLabel: texts.xLabel ?? scene.xLabel ?? "", yLabel: texts.yLabel ?? scene.yLabel ?? "" });
  }

  /** The main panel's own ranges (the attributes' `x-range`, `y-range`; undefined: the scene's). */
  setHome(x: RangeSpec | undefined, y: RangeSpec | undefined): void {
    this.overrides = { x, y };
    this.showSceneRanges();
  }

  private showSceneRanges(): void {
    const { x, y } = this.overrides;
    const panels = [this.sceneShown, ...(this.sceneShown.panels ?? [])];
    this.plot.setHomes(panels.map((panel, i) => ({ x: (i === 0 ? x : undefined) ?? panel.xRange ?? "auto", y: (i === 0 ? y : undefined) ?? panel.yRange ?? "auto" })));
  }

  setSeen(seen: boolean, keepRunning: boolean): void {
    this.receiver.setSeen(seen, keepRunning);
  }

  /**
   * `engineUrl`: where the engine worker's script is; undefined for the one inlined in the bundle.
   * `events.workerLost` hears when the worker dies or is ended under this plot, whatever call is
   * pending (the plot cannot go on as it was).
   */
  static async open(
    spec: JobSpec,
    engineUrl: string | undefined,
    container: HTMLElement,
    options: PlotOptions,
    events: SessionEvents,
  ): Promise<PlotSession> {
    const lease = leaseEngine(engineUrl, codeGroup(spec));
    const { port1, port2 } = new MessageChannel();
    let id: number | undefined;
    try {
      const wire = await wireParams(spec.params);
      const created = await lease.call("create", transfer({ ...spec, params: wire.params }, wire.buffers), transfer(port2, [port2]));
      id = created.id;
      const plot = await BokehPlot.mount(container, created.scene, options);
      lease.watch((reason) => events.workerLost({ code: reason.code, message: reason.message }));
      const group = codeGroup(spec);
      const patience = group === "built-in" ? PATIENCE_MS.builtIn : PATIENCE_MS.user;
      return new PlotSession(lease, id, created.scene, plot, new FrameReceiver(port1, plot, events), { x: options.xRange, y: options.yRange }, patience);
    } catch (error) {
      port1.close();
      disposeJob(lease, id);
      throw error;
    }
  }

  async start(): Promise<void> {
    await this.lease.call("start", this.id);
    this.receiver.setRunning(true);
  }

  async stop(): Promise<void> {
    this.receiver.setRunning(false);
    await this.drawn(this.lease.call("stop", this.id));
  }

  async step(frames: number): Promise<void> {
    this.receiver.setRunning(false);
    this.steps++;
    try {
      await this.drawn(this.watchdog.during(this.lease.call("step", this.id, frames)));
    } finally {
      this.steps--;
    }
  }

  /** Whether a step is under way (a stop() cuts it short). */
  get stepping(): boolean {
    return this.steps > 0;
  }

  async reset(): Promise<void> {
    await this.drawn(this.lease.call("reset", this.id));
  }

  /**
   * New params; answers whether the job restarted with a different scene (a new plot is needed). A
   * scene that differs only in its ranges (new data, say) keeps the plot and shows the new ranges.
   */
  async configure(params: Record<string, unknown>): Promise<boolean> {
    const wire = await wireParams(params);
    const answer = await this.lease.call("configure", this.id, transfer(wire.params, wire.buffers));
    if (answer.restarted && !sameScene(answer.scene, this.sceneShown, true)) return true;
    if (answer.restarted && !sameScene(answer.scene, this.sceneShown)) {
      this.sceneShown = answer.scene;
      this.showSceneRanges();
    }
    await this.receiver.whenShown(answer.seq);
    return false;
  }

  /** Rows for a job that takes them (its scene's `accepts`); throws invalid-data for a bad shape. */
  push(columns: unknown): void {
    const accepts = this.sceneShown.accepts;
    if (!accepts) throw new LivePlotError("invalid-data", 'push: this job takes no pushed data (job="stream" does)');
    this.receiver.push(toPushChunk(accepts, columns), accepts.keep);
  }

  /** The full-resolution data the worker holds for the job. */
  exportData(): Promise<ExportedData> {
    return this.receiver.exportData();
  }

  /** A PNG of the whole plot, every panel. */
  toBlob(): Promise<Blob> {
    return this.plot.toBlob();
  }

  snapshot(): Promise<Snapshot> {
    return this.lease.call("snapshot", this.id);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.watchdog.stop();
    this.receiver.close();
    this.plot.dispose();
    disposeJob(this.lease, this.id);
  }

  /** Control calls settle once the frame showing their effect is on screen. */
  private async drawn(call: Promise<Shown>): Promise<void> {
    const { seq } = await call;
    await this.receiver.whenShown(seq);
  }
}

/** The code a job runs beyond the built-ins: its module's URL, or an ode job's right-hand side. */
function codeGroup(spec: JobSpec): string {
  if (isBuiltinJob(spec.job) && spec.job !== "ode") return "built-in";
  const rhs = spec.job === "ode" ? spec.params.rhs : spec.job;
  try {
    return new URL(String(rhs), spec.context.baseUrl).href;
  } catch {
    return String(rhs);
  }
}

/** Frees the job in the worker (if it was created), then the lease: the last lease ends the worker. */
function disposeJob(lease: EngineLease, id: number | undefined): void {
  if (id === undefined) return lease.release();
  lease.call("dispose", id).then(lease.release, lease.release);
}
