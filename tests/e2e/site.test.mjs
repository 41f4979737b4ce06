// End to end: the bundled site served by `metodist serve` on 127.0.0.1 and opened from
// file:// (a copy on a flash drive): a report and its indicators, the search with a
// filter, live reload after an edit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, serve } from './lib/site.mjs';
import { launch, newPage } from './lib/browser.mjs';
import { waitForHits, foundCount } from './lib/search.mjs';

const STATUSES = ['достигнут', 'частично', 'не достигнут', 'нет данных'];

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

/** The two ways a teacher opens the site. */
const origins = () => [
  { name: 'http://127.0.0.1', home: server.base + 'index.html' },
  { name: 'file://', home: site.url('index.html') },
];

for (const how of ['http://127.0.0.1', 'file://']) {
  test(`${how}: главная → отчёт → таблица показателей`, async () => {
    const origin = origins().find((o) => o.name === how);
    const { context, page, problems } = await newPage(browser);
    await page.goto(origin.home);
    assert.match(await page.title(), /.+/);
    // The section «Отчёты» from the main navigation, then the report from its list.
    await page.getByRole('navigation', { name: 'Разделы сайта' }).getByRole('link', { name: 'Отчёты' }).click();
    await page.waitForURL(/reports\/(index\.html)?$/);
    await page.locator('.items .item-title a', { hasText: 'Усольского' }).first().click();
    await page.waitForURL(/reports\/usolsky-2025\//);
    const h1 = await page.locator('h1').textContent();
    assert.match(h1, /Отч[её]т о реализации плана/);
    // «Таблица показателей» in the summary jumps to the table.
    await page.getByRole('link', { name: 'Таблица показателей' }).click();
    await page.waitForURL(/#indicators$/);
    const rows = page.locator('#indicators table tbody tr[id^="ind-"]');
    const n = await rows.count();
    assert.ok(n >= 20, `в таблице показателей ${n} строк`);
    const statuses = await rows.locator('td:last-child').allTextContents();
    for (const s of statuses) assert.ok(STATUSES.includes(s.trim()), `неизвестный статус «${s}»`);
    for (const s of ['достигнут', 'частично', 'не достигнут']) {
      assert.ok(statuses.some((x) => x.trim() === s), `нет ни одного показателя со статусом «${s}»`);
    }
    const classes = await rows.evaluateAll((trs) => trs.map((tr) => tr.className));
    assert.ok(classes.every((c) => /\bstatus-/.test(c)), 'у каждой строки класс статуса');
    // The table is visible on screen after the jump.
    const box = await page.locator('#indicators').boundingBox();
    assert.ok(box && box.y < 900, 'таблица не прокручена в видимую область');
    await context.close();
    assert.deepEqual(problems, []);
  });

  test(`${how}: поиск практики, фильтр, переход к результату`, async () => {
    const origin = origins().find((o) => o.name === how);
    const { context, page, problems } = await newPage(browser);
    await page.goto(origin.home);
    // The header search box sends the query to the search page.
    await page.getByRole('search', { name: 'Поиск по сайту' }).getByRole('searchbox').fill('наставничество');
    await page.getByRole('search', { name: 'Поиск по сайту' }).getByRole('button', { name: 'Найти' }).click();
    await page.waitForURL(/search\/index\.html\?q=/);
    await waitForHits(page);
    const all = await foundCount(page);
    assert.ok(all >= 5, `найдено ${all}`);
    const hits = await page.locator('#search-results .search-hit-title').allTextContents();
    assert.ok(hits.some((t) => /наставничеств/i.test(t)), `среди результатов нет практики о наставничестве: ${hits}`);
    // Filter: only practices.
    const practices = page.locator('#search-facets fieldset', { hasText: 'Вид' }).getByRole('checkbox', { name: /Практика/ });
    await practices.check();
    await page.waitForFunction((n) => {
      const m = /(\d+)/.exec(document.getElementById('search-status').textContent);
      return m && Number(m[1]) < n;
    }, all);
    assert.match(page.url(), /[?&]kind=practice\b/, 'фильтр записан в адрес');
    const status = await page.locator('#search-status').textContent();
    assert.match(status, /практик/, `строка состояния: ${status}`);
    const metas = await page.locator('#search-results .search-hit-meta').allTextContents();
    assert.ok(metas.length > 0 && metas.every((m) => m.startsWith('Практика')), `не только практики: ${metas}`);
    // Open the first result.
    const first = page.locator('#search-results a.search-hit-title').first();
    const title = (await first.textContent()).trim();
    await first.click();
    await page.waitForURL((u) => !u.pathname.endsWith('/search/index.html'));
    assert.equal((await page.locator('h1').textContent()).trim(), title);
    assert.equal((await page.locator('.page-kind a').first().textContent()).trim(), 'Практика');
    // Back: the query and the filter are restored from the URL.
    await page.goBack();
    await waitForHits(page);
    assert.equal(await page.locator('#search-input').inputValue(), 'наставничество');
    assert.ok(await practices.isChecked(), 'фильтр восстановлен из адреса');
    await context.close();
    assert.deepEqual(problems, []);
  });
}

test('file://: поиск открывается по общей ссылке с фильтром', async () => {
  const { context, page, problems } = await newPage(browser);
  await page.goto(site.url('search/index.html?q=наставничество&district=usolsky'));
  await waitForHits(page);
  const metas = await page.locator('#search-results .search-hit-meta').allTextContents();
  assert.ok(metas.every((m) => !/Жигаловский|Кавказский/.test(m)), `фильтр по району не сработал: ${metas}`);
  // Result links point at index.html files: a folder URL does not open from file://.
  const hrefs = await page.locator('#search-results a.search-hit-title').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(hrefs.every((h) => h.startsWith('file://') && h.endsWith('/index.html')), hrefs.join('\n'));
  await context.close();
  assert.deepEqual(problems, []);
});

test('serve: страница обновляется сама после правки файла', async () => {
  const { context, page, problems } = await newPage(browser);
  const file = join(server.site, 'content/reports/usolsky-2025.md');
  const original = readFileSync(file, 'utf8');
  await page.goto(server.base + 'reports/usolsky-2025/index.html');
  const marker = `Проверка живого обновления ${Date.now()}`;
  // Wait until the page has polled the version once, so the change is seen as a change.
  await page.waitForTimeout(1200);
  const reloaded = page.waitForEvent('load', { timeout: 30_000 });
  const edited = original.replace(/\n---\n/, `\n---\n\n${marker}\n`);
  assert.notEqual(edited, original, 'не удалось вставить строку после заголовка');
  writeFileSync(file, edited);
  await reloaded;
  await page.locator('main', { hasText: marker }).waitFor({ timeout: 10_000 });
  // And back.
  const again = page.waitForEvent('load', { timeout: 30_000 });
  writeFileSync(file, original);
  await again;
  assert.equal(await page.locator('main', { hasText: marker }).count(), 0);
  await context.close();
  assert.deepEqual(problems, []);
});
