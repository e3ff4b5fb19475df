// Debian's Chromium, driven by playwright-core (Playwright's own browser download does not work on
// these machines), with the flags that keep it off the network.
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}
