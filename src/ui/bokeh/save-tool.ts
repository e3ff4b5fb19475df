import { SaveTool, SaveToolView } from "@bokeh/bokehjs/build/js/lib/models/tools/actions/save_tool.js";

/** Makes the PNG the toolbar saves: the element's whole plot (`toBlob()`), every panel in one image. */
export type PlotExporter = () => Promise<Blob>;

class WholePlotSaveToolView extends SaveToolView {
  declare model: WholePlotSaveTool;

  protected override _export(): Promise<Blob> {
    return this.model.exporter();
  }
}

/**
 * BokehJS's Save tool, saving the whole plot rather than the one panel it sits in, as
 * "live-plot.png" without asking for a name (BokehJS would ask with a blocking `prompt()`).
 */
export class WholePlotSaveTool extends SaveTool {
  declare __view_type__: WholePlotSaveToolView;
  /** Set once the plot is mounted; until then the panel alone. */
  exporter: PlotExporter = () => Promise.reject(new Error("the plot is not mounted yet"));

  constructor() {
    super({ filename: "live-plot" });
  }

  static {
    this.prototype.default_view = WholePlotSaveToolView;
  }
}
