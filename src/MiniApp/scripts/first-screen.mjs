// Time to the home tiles on a throttled network, in Debian's Chromium (Chromium's own network emulation through
// the DevTools protocol), from a cold cache. Serves dist/ with scripts/serve.mjs (gzip), no API: the tiles need none.
// Usage: node scripts/first-screen.mjs   (CHROMIUM=/usr/bin/chromium; RUNS=3)
import { spawn } from "node:child_process";
import { chromium } from "playwright-core";

const profiles = [
  // Chromium DevTools' "Slow 4G" preset (the former "Fast 3G"): 1.6 Mbps × 0.9 down, 750 kbps × 0.9 up, 150 ms × 3.75 RTT.
  { name: "Slow 4G (Chromium preset)", downKbps: 1474.56, upKbps: 675, rttMs: 562.5 },
  // A harsher rural profile: 400 kbps both ways, 400 ms RTT.
  { name: "400 kbps, 400 ms RTT", downKbps: 400, upKbps: 400, rttMs: 400 },
];
const runs = Number(process.env.RUNS ?? 3);

const server = spawn(process.execPath, [new URL("./serve.mjs", import.meta.url).pathname, "0"], { stdio: ["ignore", "pipe", "inherit"] });
const origin = await new Promise((resolve) => server.stdout.on("data", (d) => resolve(String(d).match(/http:\/\/\S+/)[0])));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-dev-shm-usage"] });
const results = [];
try {
  for (const profile of profiles) {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, locale: "vi-VN" });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: profile.rttMs,
        downloadThroughput: (profile.downKbps * 1000) / 8,
        uploadThroughput: (profile.upKbps * 1000) / 8,
      });
      // The moment the tiles are in the page, in the page's own clock (0 = navigation start).
      await page.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (document.querySelector("[data-testid=home-tiles] a")) {
            window.__tiles = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(origin + "/app/", { waitUntil: "commit" });
      await page.waitForFunction(() => window.__tiles !== undefined, null, { timeout: 60000 });
      times.push(await page.evaluate(() => window.__tiles));
      await context.close();
    }
    times.sort((a, b) => a - b);
    results.push({ ...profile, median: times[Math.floor(times.length / 2)], times });
  }
} finally {
  await browser.close();
  server.kill();
}
for (const r of results) {
  console.log(`First screen (home tiles), ${r.name}: ${(r.median / 1000).toFixed(2)} s median of ${r.times.length} cold loads [${r.times.map((t) => (t / 1000).toFixed(2)).join(", ")}] (${r.downKbps} kbps down, ${r.upKbps} kbps up, ${r.rttMs} ms RTT)`);
}
