import { LitElement, html, nothing, type PropertyValues } from "lit";
import { LivePlotError, isBuiltinJob, shortenDataUrls, toErrorInfo, type BuiltinJob, type ErrorCode, type ErrorInfo, type PlotState, type PlotStats, type PlotViewRanges, type Snapshot, type ExportedData } from "../../protocol/index.js";
import type { Backend } from "../bokeh/backends.js";
import { THEME_PROPERTIES, type PlotTheme } from "../bokeh/figure.js";
import { openDocumentCount } from "../bokeh/plot.js";
import { callTimeout, engineWorkerCount, setCallTimeout } from "../session/engine-client.js";
import { allowedOrigins, checkParamUrls, checkedUrl, setAllowedOrigins } from "../session/module-policy.js";
import type { PlotSession } from "../session/plot-session.js";
import type { PushColumns } from "../session/push-rows.js";
import { toCsv } from "../session/export-csv.js";
import type { LivePlotElement } from "./api.js";
import { parseOffscreen, parseRange, readAttributes, readParams, type AttributeValues } from "./attributes.js";
import { styles } from "./live-plot.styles.js";
import { SessionController, type SessionConfig } from "./session-controller.js";
import { VisibilityController } from "./visibility-controller.js";
import { legendEntries, renderLegend, type LegendEntry } from "./legend.js";
import { joinLink, leaveLink, tellLink } from "./links.js";
import { ReadoutController } from "./readout.js";

/**
 * Attributes whose change needs a new job and plot. `params` is applied live when the job can take
 * it; titles, labels and ranges always are.
 */
const REMOUNT_ON = ["job", "width", "height", "backend", "maxPoints", "engineUrl", "tools"] as const;

/** A plot starts over after losing its worker at most once in this long; a second loss is an error. */
const RECOVERY_MS = 30_000;

/** Errors of a live `params` update that refuse the update and leave the running job as it was. */
const REFUSABLE: readonly ErrorCode[] = ["invalid-params", "invalid-data", "invalid-module"];

const EMPTY_STATS: PlotStats = { fps: 0, frames: 0, droppedFrames: 0, simRate: 0, evalRate: 0, frameMsP50: 0, frameMsP95: 0, bytesPerFrame: 0 };

/**
 * A simulation running in a Web Worker, drawn live with BokehJS. The element is thin: it reads
 * attributes, owns the state machine and the events, and renders controls and stats. Frames never
 * pass through Lit: the PlotSession's receiver hands them to BokehJS directly.
 *
 * @tagname live-plot
 * @summary A live, animated simulation: numerics in a worker, frames drawn with BokehJS.
 *
 * @fires {CustomEvent<Record<string, never>>} live-plot-ready - The job exists and the plot is mounted; detail `{}`.
 * @fires {CustomEvent<{ state: PlotState }>} live-plot-state - The state changed; detail `{state}`.
 * @fires {CustomEvent<PlotStats>} live-plot-stats - At most twice a second while frames flow; detail: the `stats` figures.
 * @fires {CustomEvent<{ snapshot: Snapshot }>} live-plot-finished - The run ended by itself (an end time reached, a fit converged); detail `{snapshot}`.
 * @fires {CustomEvent<ErrorInfo>} live-plot-error - Bad input or a failed job; detail `{code, message}`. The message is shown too.
 * @fires {CustomEvent<ErrorInfo>} live-plot-restarted - A built-in plot's worker died or was ended (by another plot's fault); the plot starts over on a fresh worker. Detail `{code, message}`: why.
 * @fires {CustomEvent<PlotViewRanges & { following: boolean }>} live-plot-view - A zoom or pan by the user is over, or the plot follows the live data again; detail `{x, y, following}`.
 *
 * @csspart plot - The BokehJS plot's container, named (aria-label) from plot-title.
 * @csspart error - The error message, when the state is `error`.
 * @csspart controls - The group of control buttons (with the `controls` attribute).
 * @csspart button - Each control button; also `start-stop`, `step` and `reset`.
 * @csspart stats - The live readout (with the `stats` attribute).
 * @csspart follow - The "Follow" button, shown (with `tools`) after a zoom or pan: back to the live view.
 *
 * @cssprop --live-plot-plot-background - The plot's background (read when the plot is built).
 * @cssprop --live-plot-plot-text - The plot's title, axes and tick labels.
 * @cssprop --live-plot-grid-color - The plot's grid lines and outline.
 * @cssprop --live-plot-color - Text colour.
 * @cssprop --live-plot-background - Background behind the plot and controls.
 * @cssprop --live-plot-font - Font of the controls and stats.
 * @cssprop --live-plot-button-background - Control buttons' background.
 * @cssprop --live-plot-button-color - Control buttons' text colour.
 * @cssprop --live-plot-button-border - Control buttons' border colour.
 * @cssprop --live-plot-focus - Focus ring colour.
 * @cssprop --live-plot-stats-color - Stats readout colour.
 * @cssprop --live-plot-error-color - Error bar colour.
 * @cssprop --live-plot-error-background - Error message background.
 * @cssprop --live-plot-error-text - Error message text colour.
 */
export class LivePlot extends LitElement implements LivePlotElement {
  static override styles = styles;

  static override properties = {
    job: { type: String },
    // The accessor below keeps the input (text or object) apart from the parsed value; every set counts.
    params: { noAccessor: true, hasChanged: () => true },
    autostart: { type: Boolean },
    controls: { type: Boolean },
    tools: { type: Boolean },
    showStats: { type: Boolean, attribute: "stats" },
    width: { type: Number },
    height: { type: Number },
    plotTitle: { type: String, attribute: "plot-title" },
    xLabel: { type: String, attribute: "x-label" },
    yLabel: { type: String, attribute: "y-label" },
    xRange: { type: String, attribute: "x-range" },
    yRange: { type: String, attribute: "y-range" },
    backend: { type: String },
    maxPoints: { type: Number, attribute: "max-points" },
    engineUrl: { type: String, attribute: "engine-url" },
    offscreen: { type: String },
    link: { type: String },
    /** @internal */
    following: { state: true },
    /** @internal */
    currentState: { state: true },
    /** @internal */
    errorInfo: { state: true },
    /** @internal */
    statsText: { state: true },
    /** @internal */
    legend: { state: true },
    /** @internal */
    hiddenSeries: { state: true },
  };

  /** What all plots on the page hold right now: engine workers and BokehJS documents (for leak checks). */
  static resources(): { workers: number; documents: number } {
    return { workers: engineWorkerCount(), documents: openDocumentCount() };
  }

  /** A built-in job's name or the URL of a job module, resolved against the page. A change starts a new job. */
  declare job: BuiltinJob | (string & {}) | undefined;
  /** Start as soon as the plot is ready. */
  declare autostart: boolean;
  /** Show Start/Stop, Step and Reset buttons (`part="controls"`). */
  declare controls: boolean;
  /** Show BokehJS's toolbar (pan, zoom, reset, save); its icons need img-src data: under a strict CSP. */
  declare tools: boolean;
  /**
   * The `stats` attribute: show a live readout of fps, dropped frames and simulation rate
   * (`part="stats"`). The `stats` property reads the figures themselves.
   */
  declare showStats: boolean;
  /** Width in CSS pixels (up to 16384); default: the container's width, followed as it resizes. */
  declare width: number | undefined;
  /** Height in CSS pixels (up to 16384); default 300. */
  declare height: number | undefined;
  /** The plot's title (default: what the job suggests); a change shows at once, the job going on. */
  declare plotTitle: string | undefined;
  /** The x axis label (default: what the job suggests); a change shows at once, the job going on. */
  declare xLabel: string | undefined;
  /** The y axis label (default: what the job suggests); a change shows at once, the job going on. */
  declare yLabel: string | undefined;
  /** `auto` (follow the data) or `min,max` (default: what the job suggests); applies without restarting the job. */
  declare xRange: string | undefined;
  /** `auto` (follow the data) or `min,max` (default: what the job suggests); applies without restarting the job. */
  declare yRange: string | undefined;
  /** BokehJS's output backend: `canvas` (default), `webgl` (falls back to canvas without WebGL) or `svg`. */
  declare backend: Backend | undefined;
  /** How many of the newest points a trail keeps (default 5000, up to 10^7); what reaches the page stays bounded by pixels. */
  declare maxPoints: number | undefined;
  /** Where to load the engine worker from, for pages whose policy forbids blob: workers. */
  declare engineUrl: string | undefined;
  /**
   * What a running plot does out of sight (scrolled away, `hidden`, a background tab): "pause"
   * (the default; its state stays running and it carries on when seen) or "run" (it keeps
   * simulating, but draws nothing). Frames are never drawn out of sight.
   */
  declare offscreen: "pause" | "run" | undefined;
  /** Plots with the same `link` share their x range (zoom, pan) and the hover readout's x. */
  declare link: string | undefined;
  /**
   * The page-wide default for `engine-url`: set it once (before elements start) to load every
   * plot's engine from a same-origin copy of `live-plot.worker.js`.
   */
  static engineUrl: string | undefined;

  /**
   * Origins besides the page's own from which plots may load job modules, right-hand sides and data
   * files, such as `["https://cdn.example.org"]` (modules from there also need CORS headers).
   */
  static get allowedOrigins(): string[] {
    return allowedOrigins();
  }
  static set allowedOrigins(origins: string[]) {
    setAllowedOrigins(origins);
  }

  /**
   * How long a control call (create, start, stop, reset, snapshot…; not a long `step()`) may go
   * unanswered before its worker counts as hung and is ended, in milliseconds (default 15000, at
   * least 100). Raise it for job modules that take long to import.
   */
  static get callTimeoutMs(): number {
    return callTimeout();
  }
  static set callTimeoutMs(ms: number) {
    setCallTimeout(ms);
  }
  declare private currentState: PlotState;
  declare private errorInfo: ErrorInfo | undefined;
  declare private statsText: string;
  /** Whether the plot follows the live data (false after a zoom or pan by the user). */
  declare private following: boolean;
  /** The plot's named series, and those the user hid through the legend (by display source). */
  declare private legend: LegendEntry[];
  declare private hiddenSeries: ReadonlySet<string>;
  private readonly visibility = new VisibilityController(this, () => this.showSeen());
  private readonly readout = new ReadoutController(
    this,
    () => this.lifecycle.session,
    (x) => tellLink(this.link, this, (member) => member.linkedPointer(x)),
  );
  /** The `link` group this plot is in (while connected). */
  private linkJoined: string | undefined;
  private readonly lifecycle = new SessionController(this, {
    config: () => this.sessionConfig(),
    container: () => this.renderRoot?.querySelector<HTMLElement>(".plot") ?? null,
    booting: () => {
      this.errorInfo = undefined;
      this.latestStats = EMPTY_STATS;
      this.statsText = "";
      this.setState("loading");
    },
    opened: (session) => this.opened(session),
    failed: (error) => this.fail(error),
    finished: (snapshot) => this.finish(snapshot),
    error: (error) => this.fail(LivePlotError.from(error)),
    stats: (stats) => this.showFigures(stats),
    workerLost: (error) => this.workerLost(error),
  });

  /** What `params` was last given: JSON text from the attribute, or an object from the property. */
  private paramsInput: unknown = null;
  /** The params last given that parse: what `params` reads back at once. */
  private paramsValue: Record<string, unknown> = {};
  /** The params the job runs with (a refused update leaves them). */
  private appliedParams: Record<string, unknown> = {};
  private latestStats: PlotStats = EMPTY_STATS;
  /** When the plot last started over after losing its worker. */
  private recoveredAt = -Infinity;

  constructor() {
    super();
    this.autostart = false;
    this.controls = false;
    this.tools = false;
    this.showStats = false;
    this.following = true;
    this.legend = [];
    this.hiddenSeries = new Set();
    this.currentState = "loading";
    this.statsText = "";
  }

  /**
   * Job parameters: an object (or JSON text, as the attribute). What is set replaces what was there,
   * by attribute or property alike: a key left out takes the job's default. Reads back at once what
   * was last set (while that parses; a refused update reads back what the job kept). Changes apply
   * live where the job allows.
   */
  get params(): Record<string, unknown> {
    return this.paramsValue;
  }
  set params(value: Record<string, unknown> | string | null) {
    const old = this.paramsInput;
    this.paramsInput = value;
    try {
      this.paramsValue = readParams(value);
    } catch {
      // Reported when the update applies (the element's error, or a refused live update).
    }
    this.requestUpdate("params", old);
  }

  /**
   * Read-only: `loading`, `ready`, `running`, `stopped`, `finished` or `error`. Reflected as the
   * `state` attribute for CSS (`live-plot[state="error"]`); `live-plot-state` tells each change.
   */
  get state(): PlotState {
    return this.currentState;
  }

  /** Settles when the plot is ready (rejects if it fails to start). */
  get ready(): Promise<void> {
    return this.lifecycle.ready;
  }

  /**
   * Reading: the live figures (frame counts are current; rates are those of the last report, twice
   * a second). Setting: what the `stats` attribute means, for frameworks that set properties: true
   * or any text (an attribute's presence) shows the readout; false, null or undefined hides it.
   */
  get stats(): PlotStats {
    return { ...(this.lifecycle.session?.receiver.stats.current ?? this.latestStats) };
  }
  set stats(show: boolean | string | null | undefined) {
    this.showStats = show !== false && show !== null && show !== undefined;
  }

  /**
   * What the main panel shows: `{x: [min, max], y: [min, max]}` (undefined until the plot is ready).
   * Setting it zooms or pans there and the plot stops following the live data; setting `null` follows
   * the data again (as the Follow button and a double-click do).
   */
  get view(): PlotViewRanges | undefined {
    const ranges = this.lifecycle.session?.ranges;
    return ranges && { x: [...ranges.x], y: [...ranges.y] };
  }
  set view(value: PlotViewRanges | null) {
    if (value === null) {
      this.lifecycle.session?.follow();
      return;
    }
    const ok = (pair: unknown) => Array.isArray(pair) && pair.length === 2 && pair.every(Number.isFinite) && pair[0] < pair[1];
    if (!value || !ok(value.x) || !ok(value.y)) {
      // Refused like a bad live update: the plot goes on showing what it showed.
      this.refuse({ code: "invalid-attribute", message: `view must be {x: [min, max], y: [min, max]} with min < max, got ${JSON.stringify(value)}` });
      return;
    }
    this.errorInfo = undefined;
    this.lifecycle.session?.hold({ x: [value.x[0], value.x[1]], y: [value.y[0], value.y[1]] });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute("state", this.currentState);
    this.joinLink();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.linkJoined) leaveLink(this.linkJoined, this);
    this.linkJoined = undefined;
  }

  private joinLink(): void {
    if (this.linkJoined === (this.link || undefined)) return;
    if (this.linkJoined) leaveLink(this.linkJoined, this);
    this.linkJoined = this.link || undefined;
    if (this.linkJoined) joinLink(this.linkJoined, this);
  }

  /** @internal Another plot of this plot's `link` was zoomed or panned (null: it follows its data again). */
  linkedRange(x: readonly [number, number] | null): void {
    const view = this.view;
    if (!view) return;
    if (x === null) this.lifecycle.session?.follow();
    else this.lifecycle.session?.hold({ x: [x[0], x[1]], y: view.y });
  }

  /** @internal Another plot of this plot's `link` has the pointer at data x (undefined: it left). */
  linkedPointer(x: number | undefined): void {
    this.readout.showAt(x);
  }

  /** Run; resolves once the engine runs. */
  async start(): Promise<void> {
    const session = await this.liveSession();
    if (!session || this.currentState === "running" || this.currentState === "finished") return;
    this.setState("running");
    await this.control(() => session.start());
  }

  /** Stop; resolves when the state it stopped at is drawn. */
  async stop(): Promise<void> {
    const session = await this.liveSession();
    // Running, or in the middle of a long step(): either way it stops where it is.
    if (!session || (this.currentState !== "running" && !session.stepping)) return;
    this.setState("stopped");
    await this.control(() => session.stop());
  }

  /** Advance `frames` display frames (1/60 s of simulation each) and show the result. */
  async step(frames = 1): Promise<void> {
    const session = await this.liveSession();
    if (!session) return;
    if (!Number.isInteger(frames) || frames < 1 || frames > 100_000) {
      this.fail(new LivePlotError("invalid-params", `step(frames) takes an integer from 1 to 100000, got ${frames}`));
      return;
    }
    if (this.currentState !== "finished") this.setState("stopped");
    await this.control(() => session.step(frames));
  }

  /** Return to the initial state (and recover from an error by starting over). */
  async reset(): Promise<void> {
    const session = await this.lifecycle.settled();
    if (this.currentState === "error" || !session) return this.boot();
    if (this.currentState !== "running") this.setState("ready");
    await this.control(() => session.reset());
  }

  /** The job's own summary of where it is (each job's fields are in README's job table). */
  async snapshot(): Promise<Snapshot> {
    const session = await this.liveSession();
    if (!session) throw new LivePlotError("job-failed", "no job to snapshot: the element is in state error");
    return session.snapshot();
  }

  /**
   * Rows of the page's own data, for a job that takes them (`job="stream"`): one array of numbers
   * per series, and `x` unless x is the row index, all of one length. Float64Arrays are transferred
   * to the worker (the caller gives them up; they read as empty afterwards); other arrays are
   * copied. Never blocks: rows pushed between two frames go to the worker together. A bad shape, or
   * a plot not ready, throws a LivePlotError (code `invalid-data`) and takes nothing.
   */
  push(columns: PushColumns): void {
    const session = this.lifecycle.session;
    if (!session || this.currentState === "loading" || this.currentState === "error") {
      throw new LivePlotError("invalid-data", `push: the plot is ${this.currentState}; push once it is ready (await plot.ready)`);
    }
    session.push(columns);
  }

  /** A PNG of the whole plot, every panel, as drawn now (what the toolbar's Save saves). */
  async toBlob(): Promise<Blob> {
    return (await this.sessionOrThrow("toBlob")).toBlob();
  }

  /**
   * The data the worker holds for the job at full resolution, not the reduced points drawn: per
   * source, its columns (Float64Array, or Uint32Array for images), oldest row first.
   */
  async exportData(): Promise<ExportedData> {
    return (await this.sessionOrThrow("exportData")).exportData();
  }

  /** `exportData()` as CSV text: for a stream, x and one column per series; else `source.column` columns. */
  async exportCsv(): Promise<string> {
    const session = await this.sessionOrThrow("exportCsv");
    return toCsv(await session.exportData(), session.scene.accepts);
  }

  private async sessionOrThrow(call: string): Promise<PlotSession> {
    const session = await this.liveSession();
    if (!session) throw new LivePlotError("job-failed", `${call}: no plot, the element is in state error`);
    return session;
  }

  protected override updated(changed: PropertyValues): void {
    if (!this.isConnected) return;
    // A fixed `offscreen` starts an element in error over (boot checks it); otherwise it applies at once.
    const offscreenFixed = changed.has("offscreen") && this.currentState === "error";
    if (this.lifecycle.due || offscreenFixed || REMOUNT_ON.some((name) => changed.has(name))) {
      void this.boot();
      return;
    }
    if (changed.has("offscreen")) this.showSeen();
    if (changed.has("link") && this.isConnected) this.joinLink();
    if (changed.has("params")) void this.applyParams();
    if (changed.has("xRange") || changed.has("yRange")) void this.applyRanges();
    if (changed.has("plotTitle") || changed.has("xLabel") || changed.has("yLabel")) void this.applyTexts();
  }

  /** New `plot-title`, `x-label` or `y-label`: shown at once, the job going on as it was. */
  private async applyTexts(): Promise<void> {
    (await this.liveSession())?.setTexts({ title: this.plotTitle, xLabel: this.xLabel, yLabel: this.yLabel });
  }

  protected override render() {
    const state = this.currentState;
    const unusable = state === "loading" || state === "error";
    return html`
      ${renderLegend(this.legend, this.hiddenSeries, this.toggleSeries)}${this.readout.render()}
      <div class="plot" part="plot" role="img" aria-label=${this.plotTitle || this.job || "live plot"}></div>
      ${this.following
        ? nothing
        : html`<button part="follow" class="follow" title="Return to the live view (or double-click the plot)" @click=${() => this.lifecycle.session?.follow()}>Follow</button>`}
      ${this.errorInfo ? html`<div part="error" role="alert">${this.errorInfo.message}</div>` : nothing}
      ${this.controls || this.showStats
        ? html`<div class="bar">
            ${this.controls
              ? html`<div part="controls" role="group" aria-label="Simulation controls">
                  <button part="button start-stop" ?disabled=${unusable || state === "finished"} @click=${this.toggle}>
                    ${state === "running" ? "Stop" : "Start"}
                  </button>
                  <button part="button step" ?disabled=${unusable} @click=${() => this.step()}>Step</button>
                  <button part="button reset" ?disabled=${state === "loading"} @click=${() => this.reset()}>Reset</button>
                </div>`
              : nothing}
            ${this.showStats ? html`<div part="stats" aria-live="off">${this.statsText}</div>` : nothing}
          </div>`
        : nothing}
    `;
  }

  private readonly toggleSeries = (source: string): void => {
    const hidden = new Set(this.hiddenSeries);
    if (!hidden.delete(source)) hidden.add(source);
    this.hiddenSeries = hidden;
    this.lifecycle.session?.setVisible(source, !hidden.has(source));
  };

  private readonly toggle = (): void => {
    void (this.currentState === "running" ? this.stop() : this.start());
  };

  /** A new job and plot from the attributes; with `autostart`, running at once. */
  private async boot(): Promise<void> {
    if ((await this.lifecycle.boot()) && this.autostart && this.currentState === "ready") await this.start();
  }

  private opened(session: PlotSession): void {
    this.following = true;
    this.legend = legendEntries(session.scene);
    this.hiddenSeries = new Set();
    session.onFollowingChange = (following) => (this.following = following);
    session.onViewSettled = () => {
      this.emit("live-plot-view", { ...session.ranges, following: session.following });
      tellLink(this.link, this, (member) => member.linkedRange(session.following ? null : session.ranges.x));
    };
    this.showSeen();
    this.setState("ready");
    this.emit("live-plot-ready", {});
  }

  /** Tells the session whether the plot can be seen, and whether to keep running out of sight. */
  private showSeen(): void {
    try {
      this.lifecycle.session?.setSeen(this.visibility.seen, parseOffscreen(this.offscreen) === "run");
    } catch (error) {
      this.fail(error);
    }
  }

  private attributeValues(): AttributeValues {
    const { job, paramsInput: params, width, height, maxPoints, xRange, yRange, backend, offscreen } = this;
    return { job, params, width, height, maxPoints, xRange, yRange, backend, offscreen };
  }

  /** The attributes, checked, and what the page adds: the module policy, the engine's URL, the theme. */
  private sessionConfig(): SessionConfig {
    const read = readAttributes(this.attributeValues(), { baseUrl: document.baseURI, pixelRatio: devicePixelRatio, clientWidth: this.clientWidth });
    const job = read.job.builtin ? read.job.name : checkedUrl("job module", read.job.url);
    checkParamUrls(job, read.params);
    this.paramsValue = this.appliedParams = read.params;
    const engineUrl = this.engineUrl || LivePlot.engineUrl || pageEngineUrl();
    return {
      engineUrl: engineUrl ? new URL(engineUrl, document.baseURI).href : undefined,
      spec: { job, params: read.params, context: read.context },
      options: {
        width: read.width,
        height: read.height,
        title: this.plotTitle,
        xLabel: this.xLabel,
        yLabel: this.yLabel,
        xRange: read.xRange,
        yRange: read.yRange,
        backend: read.backend,
        tools: this.tools,
        theme: this.readTheme(),
      },
    };
  }

  /** The plot's colours from the element's CSS custom properties, read when the plot is built. */
  private readTheme(): PlotTheme {
    const style = getComputedStyle(this);
    const entries = Object.entries(THEME_PROPERTIES).map(([key, [name, fallback]]) => [key, style.getPropertyValue(name).trim() || fallback]);
    return Object.fromEntries(entries) as PlotTheme;
  }

  private async applyParams(): Promise<void> {
    const session = await this.lifecycle.settled();
    // New params are a new start for an element that failed (bad or missing params, say).
    if (!session) return this.currentState === "error" ? this.boot() : undefined;
    const previous = this.appliedParams;
    try {
      const params = readParams(this.paramsInput);
      checkParamUrls((this.job ?? "").trim(), params);
      const needsNewPlot = await session.configure(params);
      this.appliedParams = params;
      // A valid update clears the message a refused one left.
      this.errorInfo = undefined;
      if (needsNewPlot) {
        const wasRunning = this.currentState === "running";
        await this.boot();
        if (wasRunning) await this.start();
      }
    } catch (error) {
      const info = toErrorInfo(error, "job-failed");
      if (!REFUSABLE.includes(info.code)) return this.fail(error);
      // Bad new params are refused: the job carries on with the ones it has.
      this.paramsValue = this.appliedParams = previous;
      this.refuse(info);
    }
  }

  /** New `x-range`/`y-range`: the plot shows them (and follows them) without restarting the job. */
  private async applyRanges(): Promise<void> {
    const session = await this.liveSession();
    if (!session) return;
    try {
      session.setHome(parseRange("x-range", this.xRange), parseRange("y-range", this.yRange));
    } catch (error) {
      this.fail(error);
    }
  }

  /** The session once booting is over, or undefined if the element is in error. */
  private async liveSession(): Promise<PlotSession | undefined> {
    const session = await this.lifecycle.settled();
    return this.currentState === "error" ? undefined : session;
  }

  private control(call: () => Promise<void>): Promise<void> {
    return this.lifecycle.control(call, (error) => this.fail(error));
  }

  /**
   * The worker died or was ended under this plot. A plot of built-in code lost it through no fault
   * it can be sure is its own (the shared worker runs every built-in plot): it starts over on a fresh
   * worker, once in RECOVERY_MS, and says so. A plot of a user's code (which has a worker of its
   * own), or one that lost its worker again so soon, shows the error.
   */
  private workerLost(info: ErrorInfo): void {
    const job = (this.job ?? "").trim();
    const now = performance.now();
    if (!isBuiltinJob(job) || job === "ode" || now - this.recoveredAt < RECOVERY_MS) return this.fail(LivePlotError.from(info));
    this.recoveredAt = now;
    const wasRunning = this.currentState === "running";
    this.emit("live-plot-restarted", info);
    void this.boot().then(() => {
      if (wasRunning && this.currentState === "ready") return this.start();
    });
  }

  private finish(snapshot: Snapshot): void {
    this.lifecycle.session?.receiver.setRunning(false);
    this.setState("finished");
    this.emit("live-plot-finished", { snapshot });
  }

  private fail(error: unknown): void {
    const info = toErrorInfo(error, "job-failed");
    this.lifecycle.close(LivePlotError.from(info));
    this.errorInfo = info;
    this.setState("error");
    this.announce(info);
  }

  /** A bad live change (params, view) is refused and shown; the plot goes on as it was. */
  private refuse(info: ErrorInfo): void {
    this.errorInfo = info;
    this.announce(info);
  }

  /** Tells the page about an error the element shows: an event and one console line. */
  private announce(info: ErrorInfo): void {
    console.warn(`<live-plot job="${shortenDataUrls(this.job ?? "")}">: [${info.code}] ${info.message}`);
    this.emit("live-plot-error", info);
  }

  private showFigures(stats: PlotStats): void {
    this.latestStats = stats;
    const rate = stats.evalRate > 0 ? ` · ${format(stats.evalRate)} evals/s` : "";
    this.statsText = `${stats.fps.toFixed(1)} fps · dropped ${stats.droppedFrames} · ${format(stats.simRate)} steps/s${rate}`;
    this.emit("live-plot-stats", stats);
  }

  private setState(state: PlotState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.setAttribute("state", state);
    this.emit("live-plot-state", { state });
  }

  private emit(type: string, detail: object): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

function format(rate: number): string {
  return rate >= 1e6 ? `${(rate / 1e6).toFixed(1)}M` : rate >= 1e4 ? `${(rate / 1e3).toFixed(0)}k` : rate.toFixed(0);
}

/**
 * The page's `<meta name="live-plot-engine-url" content="…">`: the engine's URL for every plot,
 * declared in the HTML, so it holds whatever order the page's scripts run in.
 */
function pageEngineUrl(): string | undefined {
  return document.querySelector<HTMLMetaElement>('meta[name="live-plot-engine-url"]')?.content || undefined;
}
