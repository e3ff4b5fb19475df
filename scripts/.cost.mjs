import { launchChromium } from "./chromium.mjs";
const browser = await launchChromium();
for (const [n, extra] of [[0, ""], [1, ""], [4, ""], [8, ""], [1, " tools"]]) {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  await page.goto("http://127.0.0.1:8080/test/pages/blank.html");
  await page.evaluate(([n, extra]) => { for (let i = 0; i < n; i++) document.body.insertAdjacentHTML("beforeend", `<live-plot job="wave" width="800" height="200" autostart${extra}></live-plot>`); }, [n, extra]);
  if (n) await page.waitForFunction((n) => [...document.querySelectorAll("live-plot")].every((e) => e.stats.frames > 30), n);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const metric = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
  const a = await metric();
  const t0 = await page.evaluate(() => performance.now());
  await page.evaluate(() => new Promise((r) => { let k = 0; const f = () => (++k >= 120 ? r() : requestAnimationFrame(f)); requestAnimationFrame(f); }));
  const b = await metric();
  const t1 = await page.evaluate(() => performance.now());
  const frames = 120;
  const fps = n ? await page.evaluate(() => document.querySelector("live-plot").stats.fps) : 0;
  console.log(`${n} plots${extra}: main-thread ${(1000 * (b.TaskDuration - a.TaskDuration) / frames).toFixed(2)} ms/frame, script ${(1000 * (b.ScriptDuration - a.ScriptDuration) / frames).toFixed(2)}, layout ${(1000 * (b.LayoutDuration - a.LayoutDuration) / frames).toFixed(2)}, style ${(1000 * (b.RecalcStyleDuration - a.RecalcStyleDuration) / frames).toFixed(2)}; wall ${((t1 - t0) / frames).toFixed(1)} ms/frame; fps ${fps.toFixed(0)}`);
  await page.close();
}
await browser.close();
