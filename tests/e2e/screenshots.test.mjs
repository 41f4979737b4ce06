// Screenshots of the key pages for review by eye, written to tests/e2e/screenshots/
// (git-ignored): desktop 1280 px, a 390 px phone, and the version for the visually
// impaired at both widths. Very long pages are cut at MAX_HEIGHT. The README shows two
// of them, copied to docs/img/ by hand when the look changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { serve, SCREENSHOTS } from './lib/site.mjs';
import { launch, newPage, presetVisuallyImpaired } from './lib/browser.mjs';
import { REPORT } from './lib/pages.mjs';
import { waitForHits } from './lib/search.mjs';

const MAX_HEIGHT = 6000;

const PAGES = [
  { name: 'home', path: 'index.html' },
  { name: 'report', path: REPORT },
  { name: 'report-indicators', path: REPORT, element: '#indicators' },
  // One screen from the results down, as a reader sees it: the two shown in the README.
  { name: 'report-results', path: REPORT, screen: '#results' },
  { name: 'plan', path: 'plans/zhigalovsky-2023/index.html' },
  { name: 'roadmap', path: 'roadmaps/usolsky-shnor-2023/index.html' },
  { name: 'dashboard', path: 'dashboard/irkutsk-rs-nms/index.html' },
  { name: 'practices', path: 'practices/index.html' },
  { name: 'practice', path: 'practices/usolsky-praktika-nastavnichestva/index.html' },
  { name: 'search', path: 'search/index.html?q=наставничество&kind=practice', search: true },
  { name: '404', path: '404.html' },
];

const VARIANTS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'mobile', viewport: { width: 390, height: 844 }, scale: 2 },
  { name: 'vi-desktop', viewport: { width: 1280, height: 900 }, vi: { size: 200, scheme: 'light', spacing: 'wide', images: 'off' } },
  { name: 'vi-mobile', viewport: { width: 390, height: 844 }, vi: { size: 150, scheme: 'dark', spacing: 'normal', images: 'on' } },
  { name: 'vi-blue-desktop', viewport: { width: 1280, height: 900 }, vi: { size: 150, scheme: 'blue', spacing: 'normal', images: 'on' }, only: ['home', 'report'] },
];

let server, browser;

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [server, browser] = await Promise.all([serve(), launch()]);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

for (const v of VARIANTS) {
  test(`снимки экрана: ${v.name}`, async (t) => {
    const { context, page, problems } = await newPage(browser, { viewport: v.viewport, deviceScaleFactor: v.scale || 1 });
    if (v.vi) await presetVisuallyImpaired(context, v.vi);
    for (const p of PAGES) {
      if (v.only && !v.only.includes(p.name)) continue;
      await page.goto(server.base + p.path);
      if (p.search) await waitForHits(page);
      const file = join(SCREENSHOTS, `${p.name}-${v.name}.png`);
      if (p.screen) {
        await page.locator(p.screen).evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 8));
        await page.screenshot({ path: file });
      } else if (p.element) {
        await page.locator(p.element).screenshot({ path: file });
      } else {
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.screenshot({
          path: file, fullPage: true,
          clip: height > MAX_HEIGHT ? { x: 0, y: 0, width: v.viewport.width, height: MAX_HEIGHT } : undefined,
        });
      }
      assert.ok(statSync(file).size > 1000, file);
      t.diagnostic(file);
    }
    await context.close();
    assert.deepEqual(problems, []);
  });
}
