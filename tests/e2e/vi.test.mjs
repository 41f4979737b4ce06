// The version for the visually impaired: a real button on every page, settings that
// follow the reader from page to page (over http and from file://), and layouts that
// hold at 320 px and at 200 % zoom. Without JavaScript the toggle is simply absent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { build, serve } from './lib/site.mjs';
import { launch, newPage, presetVisuallyImpaired } from './lib/browser.mjs';
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

const html = (page) => page.evaluate(() => {
  const el = document.documentElement, cs = getComputedStyle(document.body);
  return {
    vi: el.classList.contains('vi'), size: el.dataset.viSize, scheme: el.dataset.viScheme,
    spacing: el.dataset.viSpacing, images: el.dataset.viImages,
    fontSize: parseFloat(getComputedStyle(el).fontSize), background: cs.backgroundColor,
    color: cs.color, letterSpacing: cs.letterSpacing,
  };
});

for (const how of ['http://127.0.0.1', 'file://']) {
  test(`${how}: переключатель на каждой странице, настройки запоминаются`, async () => {
    const url = (p) => (how === 'file://' ? site.url(p) : server.base + p);
    const { context, page, problems } = await newPage(browser);
    // A real <button> on the page of every template.
    for (const p of pages) {
      await page.goto(url(p.path));
      const toggle = page.locator('#vi-toggle');
      assert.ok(await toggle.isVisible(), `${p.path}: нет переключателя`);
      assert.equal(await toggle.evaluate((b) => b.tagName + ':' + b.type), 'BUTTON:button', p.path);
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false', p.path);
      assert.equal(await page.getByRole('button', { name: 'Версия для слабовидящих' }).count(), 1, p.path);
    }
    await page.goto(url('index.html'));
    assert.equal((await html(page)).fontSize, 16);
    await page.getByRole('button', { name: 'Версия для слабовидящих' }).click();
    assert.equal(await page.locator('#vi-toggle').getAttribute('aria-pressed'), 'true');
    assert.ok(await page.locator('#vi-panel').isVisible(), 'панель настроек не открылась');
    let s = await html(page);
    assert.ok(s.vi && s.size === '150' && s.scheme === 'light', JSON.stringify(s));
    assert.equal(s.fontSize, 24, 'крупный шрифт по умолчанию — 150 %');
    const panel = page.getByRole('group', { name: 'Настройки версии для слабовидящих' });
    await panel.getByRole('button', { name: '200 %' }).click();
    await panel.getByRole('button', { name: 'Белым по чёрному' }).click();
    await panel.getByRole('button', { name: 'Увеличенный' }).click();
    await panel.getByRole('button', { name: 'Скрыть' }).click();
    assert.equal(await panel.getByRole('button', { name: '200 %' }).getAttribute('aria-pressed'), 'true');
    s = await html(page);
    assert.equal(s.fontSize, 32, 'текст 200 %');
    assert.equal(s.background, 'rgb(0, 0, 0)');
    assert.equal(s.color, 'rgb(255, 255, 255)');
    assert.ok(parseFloat(s.letterSpacing) >= 3, `межбуквенный интервал ${s.letterSpacing}`);
    // Images hidden: any picture.
    const imgHidden = await page.evaluate(() => {
      const img = document.createElement('img');
      img.alt = 'проверка';
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      document.querySelector('main').appendChild(img);
      return getComputedStyle(img).display;
    });
    assert.equal(imgHidden, 'none', 'изображения не скрыты');
    // The next page, reached by a link, opens in the same settings.
    await page.getByRole('navigation', { name: 'Разделы сайта' }).getByRole('link', { name: 'Отчёты' }).click();
    await page.locator('.items .item-title a').first().click();
    await page.waitForURL(/reports\/usolsky-2025\//);
    s = await html(page);
    assert.deepEqual([s.vi, s.size, s.scheme, s.spacing, s.images], [true, '200', 'dark', 'wide', 'off'], 'настройки не сохранились при переходе');
    // The chart is text and bars, not a picture: it stays, in the chosen text size.
    assert.equal(await page.locator('figure.chart').evaluate((f) => getComputedStyle(f).display), 'block', 'диаграмма скрыта вместе с изображениями');
    assert.equal(await page.locator('figure.chart .ichart-label').first().evaluate((e) => getComputedStyle(e).fontSize), '32px', 'текст диаграммы не следует размеру 200 %');
    assert.equal(await page.locator('#vi-toggle').getAttribute('aria-pressed'), 'true');
    assert.equal(await panel.getByRole('button', { name: 'Белым по чёрному' }).getAttribute('aria-pressed'), 'true');
    // Back to the ordinary version, which is remembered too.
    await panel.getByRole('button', { name: 'Обычная версия сайта' }).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'vi-toggle', 'фокус возвращается на переключатель');
    s = await html(page);
    assert.ok(!s.vi && s.fontSize === 16, JSON.stringify(s));
    await page.goto(url('practices/index.html'));
    s = await html(page);
    assert.ok(!s.vi, 'обычная версия не запомнилась');
    assert.ok(!(await page.locator('#vi-panel').isVisible()));
    // Turning it on again brings back the last settings.
    await page.locator('#vi-toggle').click();
    s = await html(page);
    assert.deepEqual([s.size, s.scheme], ['200', 'dark']);
    await context.close();
    assert.deepEqual(problems, []);
  });
}

test('без JavaScript: переключателя нет, страницы и указатели работают', async () => {
  const { context, page, problems } = await newPage(browser, { javaScriptEnabled: false });
  for (const p of pages) {
    await page.goto(server.base + p.path);
    assert.equal(await page.locator('#vi-toggle').isVisible(), false, `${p.path}: кнопка без JS`);
    assert.equal(await page.locator('#vi-panel').isVisible(), false, p.path);
    assert.ok((await page.locator('h1').textContent()).trim().length > 0, p.path);
  }
  await page.goto(server.base + 'search/index.html');
  assert.match(await page.locator('main').textContent(), /Поиск работает с включённым JavaScript/);
  await page.goto(server.base + 'reports/usolsky-2025/index.html');
  assert.ok(await page.locator('#indicators tbody tr').count() > 20, 'таблица показателей без JS');
  await context.close();
  assert.deepEqual(problems, []);
});

const LAYOUTS = [
  { name: '320 px', viewport: { width: 320, height: 640 }, scale: 1 },
  // Browser zoom 200 % of a 1280×900 window: a 640×450 CSS-pixel viewport at double density.
  { name: 'масштаб 200 %', viewport: { width: 640, height: 450 }, scale: 2 },
];
const VI_MAX = { size: 200, scheme: 'light', spacing: 'wide', images: 'off' };

for (const layout of LAYOUTS) {
  for (const vi of [null, VI_MAX]) {
    test(`вёрстка не ломается: ${layout.name}${vi ? ', версия для слабовидящих 200 % с интервалом' : ''}`, async () => {
      const { context, page, problems } = await newPage(browser, { viewport: layout.viewport, deviceScaleFactor: layout.scale });
      if (vi) await presetVisuallyImpaired(context, vi);
      const broken = [];
      for (const p of pages) {
        await page.goto(server.base + p.path);
        if (p.search) await waitForHits(page);
        const r = await page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          const out = [];
          // Tables and code may scroll inside their own box; nothing else may leave the page.
          for (const el of document.querySelectorAll('body *')) {
            if (el.closest('.table-wrap, pre, table, .visually-hidden, .skip, [hidden]')) continue;
            const b = el.getBoundingClientRect();
            if (b.width > 0 && (b.right > width + 1 || b.left < -1)) {
              out.push(`${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''} [${Math.round(b.left)}, ${Math.round(b.right)}] «${(el.textContent || '').trim().slice(0, 40)}»`);
            }
          }
          return { scroll: document.documentElement.scrollWidth, width, out };
        });
        if (r.scroll > r.width || r.out.length) {
          broken.push(`${p.path}: ширина страницы ${r.scroll} при окне ${r.width}\n    ${r.out.slice(0, 5).join('\n    ')}`);
        }
        // A wide table scrolls inside its box: every table sits in a region that the
        // keyboard reaches and a screen reader names.
        const bad = await page.evaluate(() => {
          const name = (w) => (w.getAttribute('aria-label') || (w.getAttribute('aria-labelledby') || '')
            .split(/\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' ')).trim();
          const bare = [...document.querySelectorAll('main table')].filter((t) => !t.closest('.table-wrap'));
          const wraps = [...document.querySelectorAll('.table-wrap')]
            .filter((w) => w.tabIndex < 0 || w.getAttribute('role') !== 'region' || !name(w));
          return [...bare.map((t) => `таблица без обёртки: ${t.outerHTML.slice(0, 80)}`),
            ...wraps.map((w) => `обёртка без tabindex, role="region" или имени: ${w.outerHTML.slice(0, 120)}`)];
        });
        if (bad.length) broken.push(`${p.path}:\n    ${bad.join('\n    ')}`);
      }
      await context.close();
      assert.deepEqual(problems, []);
      assert.equal(broken.length, 0, broken.join('\n'));
    });
  }
}
