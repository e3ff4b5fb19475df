// A classic script after the module (it runs first): the global appears once the module has run.
window.addEventListener("load", () => {
  window.globalSeen = typeof LivePlot === "function" && LivePlot === customElements.get("live-plot");
});
