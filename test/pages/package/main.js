// A user's module importing the package by name, as in an app built with a bundler.
import { LivePlot, LivePlotError } from "live-plot";

window.imported = { defined: customElements.get("live-plot") === LivePlot, error: new LivePlotError("timeout", "x").code };
