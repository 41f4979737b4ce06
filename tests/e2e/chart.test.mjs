// The indicator charts of the bundled site (issue 14 §4): every chart status is its
// table's status, per indicator id; at 390 px, in the ordinary version and the version
// for the visually impaired, no text in a chart is below 14 px and no chart is wider
// than the screen; axe finds nothing on the report page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from './lib/site.mjs';
import { launch, newPage, presetVisuallyImpaired } from './lib/browser.mjs';
import { axe, describeAxe } from './lib/checks.mjs';
import { REPORT } from './lib/pages.mjs';

let site, browser, chartPages, tablePages;

/** Every built page (relative path) whose HTML contains `needle`. */
function pagesWith(out, needle) {
  const r = [];
  const walk = (dir) => {
    for (const e of readdirSync(join(out, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else if (rel.endsWith('.html') && readFileSync(join(out, rel), 'utf8').includes(needle)) r.push(rel);
    }
  };
  walk('');
  return r.sort();
}
before(async () => {
  site = build();
  chartPages = pagesWith(site.out, '<figure class="chart">');
  tablePages = pagesWith(site.out, '<tr id="ind-');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.cleanup();
});

test('статус на диаграмме — статус таблицы, для каждого показателя каждой страницы', async (t) => {
  // Seed 000 (report), 001 (plan), 003 (regulation): the pages with indicator tables.
  assert.equal(tablePages.length, 3, tablePages.join(', '));
  const { context, page, problems } = await newPage(browser);
  let checked = 0;
  for (const path of tablePages) {
    await page.goto(site.url(path));
    const { table, chart } = await page.evaluate(() => {
      const text = (e) => e.textContent.replace(/\s+/g, ' ').trim();
      const table = {};
      for (const tr of document.querySelectorAll('tr[id^="ind-"]')) {
        table[tr.id.slice(4)] = { slug: tr.className.replace('status-', ''), word: text(tr.lastElementChild) };
      }
      const chart = {};
      for (const li of document.querySelectorAll('figure.chart li[data-indicator]')) {
        const status = li.querySelector(':scope > .ichart-value .ichart-status');
        chart[li.dataset.indicator] = {
          slug: [...li.classList].find((c) => c.startsWith('ichart-row--')).slice('ichart-row--'.length),
          word: status ? text(status) : '',
        };
      }
      return { table, chart };
    });
    assert.deepEqual(Object.keys(chart).sort(), Object.keys(table).sort(), `${path}: показатели диаграммы и таблицы`);
    for (const [id, row] of Object.entries(table)) {
      assert.equal(chart[id].slug, row.slug, `${path} ${id}: статус на диаграмме`);
      // A sign, then the table's word: «✓ достигнут».
      assert.match(chart[id].word, new RegExp(`^[✓◐✗○] ${row.word}$`), `${path} ${id}: «${chart[id].word}» против «${row.word}»`);
      checked += 1;
    }
  }
  t.diagnostic(`показателей сверено: ${checked}`);
  assert.equal(checked, 24 + 17 + 25);
  await context.close();
  assert.deepEqual(problems, []);
});

for (const mode of [{ name: 'обычная версия', vi: false }, { name: 'для слабовидящих (200 %, интервал, без изображений)', vi: true }]) {
  test(`390 px, ${mode.name}: текст диаграмм не мельче 14 px, диаграмма не шире экрана`, async (t) => {
    assert.ok(chartPages.includes(REPORT), `нет диаграммы на ${REPORT}`);
    const { context, page, problems } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    if (mode.vi) await presetVisuallyImpaired(context);
    const failures = [];
    for (const path of chartPages) {
      await page.goto(site.url(path));
      const m = await page.evaluate(() => {
        const out = { figures: 0, texts: 0, small: [], wide: [], clipped: [], hidden: 0, svgText: 0 };
        for (const fig of document.querySelectorAll('figure.chart')) {
          // A chart folded in a <details> is measured open, as a reader would see it.
          for (let d = fig.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
          out.figures += 1;
          if (getComputedStyle(fig).display === 'none') { out.hidden += 1; continue; }
          const r = fig.getBoundingClientRect();
          if (r.left < 0 || r.right > innerWidth || fig.scrollWidth > fig.clientWidth + 1) out.wide.push(`${Math.round(r.width)} px`);
          out.svgText += fig.querySelectorAll('svg text').length;
          for (const el of [fig, ...fig.querySelectorAll('*')]) {
            if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
            if (!el.getClientRects().length) continue;
            out.texts += 1;
            const size = parseFloat(getComputedStyle(el).fontSize);
            if (size < 14) out.small.push(`${size} px «${el.textContent.trim().slice(0, 40)}»`);
            if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') out.clipped.push(`«${el.textContent.trim().slice(0, 40)}»`);
          }
        }
        return out;
      });
      t.diagnostic(`${path}: диаграмм ${m.figures}, надписей ${m.texts}`);
      if (m.hidden) failures.push(`${path}: диаграмма скрыта`);
      if (m.svgText) failures.push(`${path}: ${m.svgText} надписей SVG (их размер не следует тексту)`);
      if (m.small.length) failures.push(`${path}: мельче 14 px: ${m.small.slice(0, 5).join('; ')}`);
      if (m.wide.length) failures.push(`${path}: диаграмма шире экрана: ${m.wide.join(', ')}`);
      if (m.clipped.length) failures.push(`${path}: обрезано: ${m.clipped.slice(0, 5).join('; ')}`);
      if (!m.texts) failures.push(`${path}: в диаграмме нет текста`);
    }
    await context.close();
    assert.deepEqual(problems, []);
    assert.deepEqual(failures, []);
  });
}

test('axe: страница отчёта с диаграммой, обычная и для слабовидящих', async () => {
  for (const vi of [false, true]) {
    const { context, page } = await newPage(browser);
    if (vi) await presetVisuallyImpaired(context);
    await page.goto(site.url(REPORT));
    const violations = await axe(page);
    await context.close();
    assert.deepEqual(describeAxe(violations), [], vi ? 'для слабовидящих' : 'обычная версия');
  }
});
