/**
 * How soon the console's first screen is usable (issue 3: "interactive within 2 s on this machine
 * with the demo data"), and what the portal's home page costs, in Debian's Chromium.
 *
 * The real server runs with the demo county (`jingmin start` on a fresh data directory). Each run is
 * a cold load: a new browser context, so nothing is cached. For the console, the user is already
 * logged in (the session cookie is set through the API first) and opens /console:
 * - `contentMs`: navigation start → the workbench's first row and the tab counts are on screen;
 * - `interactiveMs`: navigation start → a click on the 待签收 tab has been handled (its rows shown),
 *   which needs the scripts loaded, React hydrated and the main thread free;
 * - `scriptKiB`: JavaScript transferred for that screen (the bundle split keeps other pages out).
 * For the portal home: `contentMs` until the list of commitments is shown, and its script size.
 *
 * Prints one JSON object per line on stdout; progress on stderr.
 */
import type { Page } from 'playwright-core';
import { launchBrowser, startServer } from '../e2e/browser-harness.js';
import { DEMO_PASSWORD } from '../server/db/seed/index.js';
import { emit, machine, median, progress, round } from './lib/output.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const DESKTOP = { width: 1280, height: 800 };
const LOGIN = process.env.BENCH_LOGIN ?? 'zhihui01';

/** Sums the JavaScript bytes a page receives (encoded, as on the wire). */
function countScripts(page: Page): () => number {
  let bytes = 0;
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'script') return;
    const sizes = await response.request().sizes().catch(() => undefined);
    bytes += sizes?.responseBodySize ?? 0;
  });
  return () => bytes;
}

const sinceNavigation = (page: Page) => page.evaluate(() => performance.now());

function summary(name: string, samples: Record<string, number>[]) {
  const keys = Object.keys(samples[0]);
  const result: Record<string, unknown> = { bench: 'first-screen', page: name, runs: samples.length };
  for (const key of keys) {
    const values = samples.map((s) => s[key]).sort((a, b) => a - b);
    result[`${key}Median`] = round(median(values));
    result[`${key}Max`] = round(values[values.length - 1]);
  }
  return result;
}

async function main() {
  progress('starting the server with the demo county (about 30 s on the first start)…');
  const server = await startServer('bench-first-screen', { demo: true });
  const browser = await launchBrowser();
  try {
    emit({ bench: 'first-screen', machine: await machine(), login: LOGIN, runs: RUNS });

    const consoleSamples: Record<string, number>[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
      const login = await context.request.post(`${server.base}/api/v1/staff/session`, { data: { username: LOGIN, password: DEMO_PASSWORD } });
      if (!login.ok()) throw new Error(`login failed: ${login.status()} ${await login.text()}`);
      const page = await context.newPage();
      const scripts = countScripts(page);
      await page.goto(`${server.base}/console`, { waitUntil: 'commit' });
      await page.locator('.ant-table-row').first().waitFor();
      await page.locator('[data-testid="tab-mine"] .ant-badge').waitFor();
      const contentMs = await sinceNavigation(page);
      await page.getByTestId('tab-toAccept').click();
      await page.waitForURL(/view=toAccept/);
      await page.locator('.ant-table-row, .ant-empty').first().waitFor();
      const interactiveMs = await sinceNavigation(page);
      await page.waitForLoadState('networkidle');
      consoleSamples.push({ contentMs, interactiveMs, scriptKiB: scripts() / 1024 });
      progress(`console run ${run + 1}/${RUNS}: content ${round(contentMs)} ms, interactive ${round(interactiveMs)} ms`);
      await context.close();
    }
    emit(summary('console-workbench', consoleSamples));

    const portalSamples: Record<string, number>[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN', isMobile: true });
      const page = await context.newPage();
      const scripts = countScripts(page);
      await page.goto(`${server.base}/`, { waitUntil: 'commit' });
      await page.locator('[data-kind]').first().waitFor();
      const contentMs = await sinceNavigation(page);
      await page.waitForLoadState('networkidle');
      portalSamples.push({ contentMs, scriptKiB: scripts() / 1024 });
      progress(`portal run ${run + 1}/${RUNS}: content ${round(contentMs)} ms`);
      await context.close();
    }
    emit(summary('portal-home', portalSamples));
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
