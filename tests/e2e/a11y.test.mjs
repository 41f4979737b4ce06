// Accessibility: axe-core (WCAG 2.1 AA) on one page of every template, in the ordinary
// version and in the version for the visually impaired; keyboard-only search.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { build, serve } from './lib/site.mjs';
import { launch, newPage, presetVisuallyImpaired } from './lib/browser.mjs';
import { axe, describeAxe } from './lib/checks.mjs';
import { templatePages } from './lib/pages.mjs';
import { waitForHits } from './lib/search.mjs';

let site, server, browser, pages;

before(async () => {
  site = build();
  pages = templatePages(site.out);
  [server, browser] = await Promise.all([serve(), launch()]);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  site?.cleanup();
});

/** Opens `p` over http and waits until the search (if any) has rendered its results. */
async function open(page, p) {
  await page.goto(server.base + p.path);
  if (p.search) await waitForHits(page);
}

const MODES = [
  { name: 'обычная версия', vi: null },
  { name: 'для слабовидящих: 200 %, чёрным по белому, интервал, без изображений', vi: { size: 200, scheme: 'light', spacing: 'wide', images: 'off' } },
  { name: 'для слабовидящих: 150 %, белым по чёрному', vi: { size: 150, scheme: 'dark', spacing: 'normal', images: 'on' }, only: ['главная', 'report', 'practice', 'поиск', 'термин указателя'] },
  { name: 'для слабовидящих: синим по голубому', vi: { size: 150, scheme: 'blue', spacing: 'wide', images: 'on' }, only: ['главная', 'report', 'practice', 'поиск', 'термин указателя'] },
];

for (const mode of MODES) {
  test(`axe, WCAG 2.1 AA: ${mode.name}`, async (t) => {
    const { context, page, problems } = await newPage(browser);
    if (mode.vi) await presetVisuallyImpaired(context, mode.vi);
    let total = 0;
    const failures = [];
    for (const p of pages) {
      if (mode.only && !mode.only.includes(p.name)) continue;
      await open(page, p);
      if (mode.vi) {
        assert.equal(await page.evaluate(() => document.documentElement.className), 'vi', `${p.path}: версия для слабовидящих не включилась`);
      }
      const violations = await axe(page);
      const nodes = violations.reduce((n, v) => n + v.nodes.length, 0);
      total += nodes;
      t.diagnostic(`${p.name} (${p.path}): ${nodes}`);
      if (nodes) failures.push(`${p.name} — ${p.path}:\n${describeAxe(violations).join('\n')}`);
    }
    t.diagnostic(`нарушений всего: ${total}`);
    await context.close();
    assert.deepEqual(problems, [], 'ошибки в консоли или внешние запросы');
    assert.equal(failures.length, 0, `нарушения WCAG 2.1 AA:\n${failures.join('\n\n')}`);
  });
}

test('поиск с клавиатуры: Tab, стрелки, Enter, Escape', async () => {
  const { context, page, problems } = await newPage(browser);
  await page.goto(server.base + 'search/index.html');
  // From the top of the page, Tab reaches the search field of the page in a few steps.
  let steps = 0;
  while (steps < 40) {
    await page.keyboard.press('Tab');
    steps++;
    if (await page.evaluate(() => document.activeElement?.id === 'search-input')) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-input', 'Tab не дошёл до поля поиска');
  // The skip link comes first.
  await page.keyboard.type('наставничество');
  await waitForHits(page);
  const titles = await page.locator('#search-results a.search-hit-title').allTextContents();
  assert.ok(titles.length >= 3, `мало результатов: ${titles.length}`);
  const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() || document.activeElement?.id);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), titles[0].trim(), '↓ из поля — к первому результату');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), titles[1].trim(), '↓ — ко второму');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), titles[0].trim(), '↑ — обратно к первому');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), 'search-input', '↑ с первого — в поле');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  assert.equal(await focused(), 'search-input', 'Esc из результатов — в поле');
  // Tab from the field reaches the filters; Space ticks one and the results narrow.
  const before = await page.locator('#search-status').textContent();
  await page.keyboard.press('Tab'); // the «Найти» button
  await page.keyboard.press('Tab'); // the first filter
  const box = await page.evaluate(() => {
    const el = document.activeElement;
    return el && el.type === 'checkbox' ? `${el.name}=${el.value}` : null;
  });
  assert.ok(box, 'Tab после кнопки «Найти» не дошёл до фильтра');
  await page.keyboard.press('Space');
  await page.waitForFunction((b) => document.getElementById('search-status').textContent !== b, before);
  assert.ok(page.url().includes(encodeURIComponent(box.split('=')[0]) + '='), `фильтр не попал в адрес: ${page.url()}`);
  // Enter on a hit opens it.
  await page.locator('#search-input').focus();
  await page.keyboard.press('ArrowDown');
  const target = await page.evaluate(() => document.activeElement.href);
  await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/search/index.html')), page.keyboard.press('Enter')]);
  assert.equal(page.url(), target, 'Enter открыл не тот результат');
  await page.goBack();
  // Esc in the field clears it.
  await page.locator('#search-input').focus();
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#search-input').inputValue(), '');
  await context.close();
  assert.deepEqual(problems, []);
});

test('переключатель версии для слабовидящих доступен с клавиатуры', async () => {
  const { context, page, problems } = await newPage(browser);
  await page.goto(server.base + 'index.html');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip', 'первым — ссылка «Перейти к содержанию»');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'vi-toggle', 'вторым — переключатель');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#vi-toggle').getAttribute('aria-pressed'), 'true');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab'); // 200 %
  await page.keyboard.press('Space');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.viSize), '200');
  await context.close();
  assert.deepEqual(problems, []);
});
