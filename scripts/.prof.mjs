import { launchChromium } from "./chromium.mjs";
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
await page.goto("http://127.0.0.1:8080/test/pages/blank.html");
await page.evaluate(() => { for (let i = 0; i < 4; i++) document.body.insertAdjacentHTML("beforeend", `<live-plot job="wave" width="800" height="200" autostart></live-plot>`); });
await page.waitForFunction(() => [...document.querySelectorAll("live-plot")].every((e) => e.stats.frames > 30));
const cdp = await page.context().newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
await cdp.send("Profiler.start");
await page.waitForTimeout(3000);
const { profile } = await cdp.send("Profiler.stop");
const self = new Map(); const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = {}; profile.samples.forEach((id, i) => { dt[id] = (dt[id] ?? 0) + (profile.timeDeltas[i] ?? 0); });
for (const n of profile.nodes) { const key = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}`; self.set(key, (self.get(key) ?? 0) + (dt[n.id] ?? 0)); }
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log("total ms", (total / 1000).toFixed(0));
for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / 1000).toFixed(0).padStart(6), k);
// inclusive time for selected functions
const children = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) children.set(c, n.id);
const incl = new Map();
for (const n of profile.nodes) { let t = dt[n.id] ?? 0; if (!t) continue; let cur = n; const seen = new Set(); while (cur) { const name = cur.callFrame.functionName; if (name && !seen.has(name)) { seen.add(name); incl.set(name, (incl.get(name) ?? 0) + t); } cur = byId.get(children.get(cur.id)); } }
console.log("--- inclusive");
for (const [k, v] of [...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log((v / 1000).toFixed(0).padStart(6), k);
await browser.close();
