// Search on a 390 px phone (issue 14, point 6): the results come before the filters, a
// search sent moves focus to the results' heading, the arrow keys are named on screen,
// the filters fold behind a button that counts the ticked ones, the header's field shows
// its whole placeholder. And the smaller items of point 7 a browser sees: the favicon is
// there and no link of any template page leads to a missing page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build, serve } from './lib/site.mjs';
import { launch, newPage, presetVisuallyImpaired } from './lib/browser.mjs';
import { templatePages } from './lib/pages.mjs';
import { waitForHits, foundCount } from './lib/search.mjs';

const PHONE = { width: 390, height: 844 };

let site, server, browser;

before(async () => {
  site = build();
  [server, browser] = await Promise.all([serve(), launch()]);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  site?.cleanup();
});

/** Searches from the header of the home page, as a teacher does, and waits for hits. */
async function searchFromHeader(page, home, query) {
  await page.goto(home);
  const header = page.getByRole('search', { name: 'Поиск по сайту' });
  await header.getByRole('searchbox').fill(query);
  await header.getByRole('button', { name: 'Найти' }).click();
  await page.waitForURL(/search\/index\.html\?q=/);
  await waitForHits(page);
}

const focusedId = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);

test('file://, 390 px: результаты на первом экране, фокус на заголовке, подсказка, свёрнутые фильтры', async () => {
  const { context, page, problems } = await newPage(browser, { viewport: PHONE });
  await searchFromHeader(page, site.url('index.html'), 'наставничество');
  assert.equal(await focusedId(page), 'search-results-heading', 'после поиска фокус не на заголовке результатов');
  // The first result's title is on the first screen (it was at 1,664 px, under the checkboxes).
  const title = await page.locator('#search-results a.search-hit-title').first().boundingBox();
  assert.ok(title && title.y + title.height <= PHONE.height, `первый результат ниже первого экрана: ${JSON.stringify(title)}`);
  // The arrow keys are named on screen.
  const keys = page.locator('#search-keys');
  assert.ok(await keys.isVisible(), 'подсказки о клавишах не видно');
  assert.match(await keys.textContent(), /↑ ↓/);
  const hint = await keys.boundingBox();
  assert.ok(hint.y + hint.height <= PHONE.height, 'подсказка о клавишах ниже первого экрана');
  // The filters are folded behind one button that says so.
  const toggle = page.locator('#search-filters-toggle');
  assert.ok(await toggle.isVisible(), 'кнопки «Фильтры» не видно');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal((await toggle.textContent()).trim(), 'Фильтры');
  assert.ok(!(await page.locator('#search-facets').isVisible()), 'фильтры не свёрнуты');
  // Tab from the field: «Найти», «Фильтры», the first result.
  await page.locator('#search-input').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('search-hit-title')), 'три Tab от поля не дошли до результата');
  // Open the panel and tick a filter: the button counts it, the panel stays open.
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const all = await foundCount(page);
  await page.locator('#search-facets fieldset', { hasText: 'Вид' }).getByRole('checkbox', { name: /Практика/ }).check();
  await page.waitForFunction((n) => {
    const m = /(\d+)/.exec(document.getElementById('search-status').textContent);
    return m && Number(m[1]) < n;
  }, all);
  assert.equal((await toggle.textContent()).trim(), 'Фильтры (выбрано: 1)');
  assert.ok(await page.locator('#search-facets').isVisible(), 'панель фильтров закрылась сама');
  await toggle.click();
  assert.ok(!(await page.locator('#search-facets').isVisible()), 'панель фильтров не сворачивается');
  assert.equal((await toggle.textContent()).trim(), 'Фильтры (выбрано: 1)', 'свёрнутая панель не называет выбранные фильтры');
  // Enter in the page's own field is a search sent too.
  await page.locator('#search-input').fill('грамотность');
  await page.locator('#search-input').press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'search-results-heading');
  // No page sideways scroll.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth));
  await context.close();
  assert.deepEqual(problems, []);
});

for (const vi of [false, true]) {
  test(`390 px${vi ? ', версия для слабовидящих 200 %' : ''}: подсказка в поле поиска в шапке видна целиком`, async () => {
    const { context, page, problems } = await newPage(browser, { viewport: PHONE });
    if (vi) await presetVisuallyImpaired(context);
    await page.goto(site.url('index.html'));
    // The placeholder typed into the field: the field scrolls if it is wider than the room
    // the field gives text (a search field keeps room for its clear button too).
    const fit = await page.evaluate(() => {
      const input = document.getElementById('site-search');
      input.value = input.placeholder;
      const r = { text: input.scrollWidth, room: input.clientWidth, placeholder: input.placeholder };
      input.value = '';
      return r;
    });
    assert.ok(fit.placeholder.length > 0);
    assert.ok(fit.text <= fit.room, `«${fit.placeholder}» обрезана: ${fit.text} px текста в ${fit.room} px поля`);
    await context.close();
    assert.deepEqual(problems, []);
  });
}

test('версия для слабовидящих, 390 px: фильтры свёрнуты, фокус на заголовке результатов', async () => {
  const { context, page, problems } = await newPage(browser, { viewport: PHONE });
  await presetVisuallyImpaired(context);
  await page.goto(site.url('search/index.html?q=наставничество'));
  await waitForHits(page);
  await page.waitForFunction(() => document.activeElement?.id === 'search-results-heading');
  assert.ok(await page.locator('#search-filters-toggle').isVisible(), 'кнопки «Фильтры» не видно');
  assert.ok(!(await page.locator('#search-facets').isVisible()), 'фильтры не свёрнуты');
  assert.ok(await page.locator('#search-keys').isVisible(), 'подсказки о клавишах не видно');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth));
  await context.close();
  assert.deepEqual(problems, []);
});

test('1280 px: фильтры рядом с результатами, кнопка не нужна', async () => {
  const { context, page, problems } = await newPage(browser);
  await page.goto(site.url('search/index.html?q=наставничество'));
  await waitForHits(page);
  assert.ok(await page.locator('#search-facets').isVisible(), 'на широком экране фильтры скрыты');
  assert.ok(!(await page.locator('#search-filters-toggle').isVisible()));
  const facets = await page.locator('#search-facets').boundingBox();
  const results = await page.locator('#search-results').boundingBox();
  assert.ok(Math.abs(facets.y - results.y) < 120 && facets.x < results.x, 'фильтры не стоят сбоку от результатов');
  await context.close();
  assert.deepEqual(problems, []);
});

test('значок сайта есть: ни один запрос значка не получает 404', async () => {
  // From file://: the linked file exists.
  for (const name of ['favicon.svg', 'favicon.ico']) assert.ok(existsSync(join(site.out, name)), `нет ${name}`);
  // Served: every icon the page names, and /favicon.ico that browsers ask for anyway.
  const { context, page, problems } = await newPage(browser);
  const bad = [];
  page.on('response', (r) => { if (r.status() >= 400) bad.push(`${r.status()} ${r.url()}`); });
  await page.goto(server.base + 'reports/usolsky-2025/index.html');
  const icons = await page.locator('link[rel~="icon"]').evaluateAll((ls) => ls.map((l) => l.href));
  assert.ok(icons.length > 0, 'страница не называет значок');
  for (const url of [...icons, server.base + 'favicon.ico']) {
    const r = await context.request.get(url);
    assert.equal(r.status(), 200, url);
    assert.ok((await r.body()).length > 0, url);
  }
  assert.deepEqual(bad, []);
  await context.close();
  assert.deepEqual(problems, []);
});

test('ни одна ссылка страниц всех шаблонов не ведёт на несуществующую страницу', async () => {
  const { context, page, problems } = await newPage(browser);
  const base = new URL(server.base);
  const targets = new Map(); // url → the first page linking it
  for (const { path } of templatePages(site.out)) {
    await page.goto(server.base + path);
    const urls = await page.evaluate(() => [...document.querySelectorAll('a[href], link[href], script[src], img[src], form[action]')]
      .map((e) => e.href || e.src || e.action));
    for (const u of urls) {
      const url = new URL(u);
      if (url.origin !== base.origin) continue;
      url.hash = '';
      if (!targets.has(url.href)) targets.set(url.href, path);
    }
  }
  assert.ok(targets.size > 100, `мало ссылок: ${targets.size}`);
  // The theme's own header and footer link only inside the site (the footer linked a
  // crates.io page that does not exist).
  const chrome = await page.evaluate(() => [...document.querySelectorAll('header.site-header a[href], footer.site-footer a[href]')].map((a) => a.href));
  assert.deepEqual(chrome.filter((h) => !h.startsWith(base.origin)), [], 'шапка или подвал ведут за пределы сайта');
  const missing = [];
  for (const [url, from] of targets) {
    const r = await context.request.get(url, { maxRedirects: 0 });
    if (r.status() >= 400) missing.push(`${r.status()} ${url} (со страницы ${from})`);
  }
  assert.deepEqual(missing, []);
  await context.close();
  assert.deepEqual(problems, []);
});
