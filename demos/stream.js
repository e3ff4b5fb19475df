// The stream demo: simulated sensors pushed from the page at 1 kHz (in batches of 16 rows every
// 16 ms), a WebSocket feed from the demo server read in the worker, and exports.
const sensors = document.querySelector("#sensors");

// The feed's URL depends on where the page is served from: the plot is made here, with it.
const feed = document.createElement("live-plot");
feed.id = "feed";
for (const [name, value] of Object.entries({ job: "stream", link: "time", height: "260", autostart: "", stats: "", tools: "" })) feed.setAttribute(name, value);
feed.params = { series: ["a", "b"], x: "time", window: 60000, url: `ws://${location.host}/feed?rate=500` };
document.querySelector("#feed-place").replaceWith(feed);

await sensors.ready;
const RATE = 1000;
let last = Date.now();
let phase = 0;
setInterval(() => {
  const now = Date.now();
  const rows = Math.max(1, Math.round(((now - last) * RATE) / 1000));
  const x = new Float64Array(rows);
  const temperature = new Float64Array(rows);
  const pressure = new Float64Array(rows);
  const humidity = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    phase += 1 / RATE;
    x[i] = last + ((i + 1) * (now - last)) / rows;
    temperature[i] = 21 + 2 * Math.sin(phase / 3) + 0.2 * (Math.random() - 0.5);
    pressure[i] = 10 * Math.sin(phase * 1.7) * Math.exp(-((phase % 20) / 10)) + 0.5 * (Math.random() - 0.5);
    humidity[i] = 40 + 15 * Math.cos(phase / 5) + (Math.random() - 0.5);
  }
  last = now;
  // Float64Arrays are transferred to the worker: this page does not touch them again.
  sensors.push({ x, temperature, pressure, humidity });
}, 16);

/** Offers `blob` as a download named `name`. */
function download(blob, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

document.querySelector("#csv").addEventListener("click", async () => {
  download(new Blob([await sensors.exportCsv()], { type: "text/csv" }), "sensors.csv");
});
document.querySelector("#png").addEventListener("click", async () => {
  download(await sensors.toBlob(), "sensors.png");
  download(await feed.toBlob(), "feed.png");
});
