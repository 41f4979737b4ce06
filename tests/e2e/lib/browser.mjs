// Debian's Chromium driven by playwright-core: never a downloaded browser.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export const ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--disable-sync',
];

export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`нет ${CHROMIUM}: установите Chromium (apt-get install -y chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/**
 * A new page that fails the test on any script error, console error or request
 * outside the site (the site must make no external requests).
 * `problems` collects them; check it with assertClean(problems).
 */
export async function newPage(browser, { viewport = { width: 1280, height: 900 }, javaScriptEnabled = true, deviceScaleFactor = 1 } = {}) {
  const context = await browser.newContext({ viewport, javaScriptEnabled, deviceScaleFactor, locale: 'ru-RU' });
  // Generous: CI machines have 2 cores, and a busy one can stall the renderer a while.
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(90_000);
  const page = await context.newPage();
  const problems = [];
  // Requests still in flight, for the diagnostics of a page that hangs.
  const inflight = new Map();
  page.on('request', (r) => inflight.set(r, Date.now()));
  page.on('requestfinished', (r) => inflight.delete(r));
  page.on('requestfailed', (r) => inflight.delete(r));
  page.inflight = () => [...inflight].map(([r, t]) => `${r.url()} (${Date.now() - t} мс)`);
  page.on('pageerror', (e) => problems.push(`ошибка скрипта: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(file:|data:|blob:|about:)/.test(url) || /^http:\/\/127\.0\.0\.1(:\d+)?\//.test(url)) {
      return route.continue();
    }
    problems.push(`внешний запрос: ${url}`);
    return route.abort();
  });
  return { context, page, problems };
}

/** The visually-impaired settings as a11y.js stores them, applied before any page loads. */
export async function presetVisuallyImpaired(context, settings = {}) {
  const value = JSON.stringify({ on: true, size: 200, scheme: 'light', spacing: 'wide', images: 'off', ...settings });
  await context.addInitScript((v) => {
    try { window.localStorage.setItem('metodist-vi', v); } catch (e) { /* storage off */ }
  }, value);
}
