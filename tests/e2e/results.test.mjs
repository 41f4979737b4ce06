// Numbers first (issue 14, points 1 and 5): the 2025 Usolsky report opens with its results
// on a 390 px phone and on the first printed page; editorial notes come after the document,
// collapsed; a dashboard prints one breadcrumb.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build, tempDir } from './lib/site.mjs';
import { launch, newPage, presetVisuallyImpaired } from './lib/browser.mjs';
import { REPORT } from './lib/pages.mjs';

const PHONE = { width: 390, height: 844 };

let site, browser, dir;

before(async () => {
  site = build();
  browser = await launch();
  dir = tempDir();
});

after(async () => {
  await browser?.close();
  site?.cleanup();
});

/** Where the results of the report stand, in px from the top of the document. */
async function positions(vi) {
  const { context, page, problems } = await newPage(browser, { viewport: PHONE });
  if (vi) await presetVisuallyImpaired(context);
  await page.goto(site.url(REPORT));
  const at = await page.evaluate(() => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top + scrollY, bottom: r.bottom + scrollY };
    };
    const lines = [...document.querySelectorAll('#results .results-line')].map((l) => ({
      label: l.querySelector('dt').textContent.trim(),
      text: l.querySelector('.results-count').textContent.trim(),
      ...box(l.querySelector('.results-count')),
    }));
    const chart = document.querySelector('#results figure.chart');
    return {
      vh: innerHeight,
      main: box(document.querySelector('main')).top,
      lines,
      chart: chart && getComputedStyle(chart).display !== 'none' ? box(chart) : null,
      indicators: box(document.getElementById('indicators')).top,
      vi: document.documentElement.classList.contains('vi'),
    };
  });
  await context.close();
  assert.deepEqual(problems, []);
  return at;
}

test('на телефоне 390 px итоги отчёта — в первых двух экранах', async (t) => {
  const at = await positions(false);
  const labels = at.lines.map((l) => l.label);
  assert.deepEqual(labels, ['Показатели', 'Мероприятия']);
  // 24 indicators of seed 000's table 1; 110 activities of the plan.
  assert.match(at.lines[0].text, /из 24/);
  assert.match(at.lines[1].text, /^110 мероприятий/);
  for (const l of at.lines) {
    t.diagnostic(`${l.label}: ${Math.round(l.bottom)} px (экран ${PHONE.height} px)`);
    assert.ok(l.bottom <= 2 * at.vh, `«${l.label}» кончается на ${Math.round(l.bottom)} px, больше двух экранов (${2 * at.vh})`);
  }
  assert.ok(at.chart, 'в итогах нет диаграммы');
  assert.ok(at.chart.top <= 2 * at.vh, `диаграмма начинается на ${Math.round(at.chart.top)} px`);
  // Before: 104 894 px. The full table follows far below.
  assert.ok(at.indicators > at.chart.bottom);
});

test('в версии для слабовидящих итоги — в первых двух экранах содержимого', async (t) => {
  const at = await positions(true);
  assert.ok(at.vi, 'версия для слабовидящих не включилась');
  // The version's own panel and the header at 200 % take about 2 000 px before `main`
  // (the skip link's target); that is the same on every page and not the report's, so
  // the screens are counted from `main`. At 200 % with wide letter spacing the title of
  // this report alone is 19 lines (836 px): the indicator results begin on the second
  // screen and the line of counts ends about 60 px into the third; before, they began
  // 613 000 px down.
  t.diagnostic(`main начинается на ${Math.round(at.main)} px`);
  const [ind] = at.lines;
  const from = ind.top - at.main;
  t.diagnostic(`${ind.label}: ${Math.round(from)}–${Math.round(ind.bottom - at.main)} px от начала содержимого`);
  assert.ok(from <= 2 * at.vh - 100, `«${ind.label}» начинается на ${Math.round(from)} px от начала содержимого, не во втором экране`);
  assert.ok(at.lines[1].top - at.main <= 4 * at.vh, 'мероприятия дальше четырёх экранов');
});

test('примечания редакции — после документа, свёрнуты', async () => {
  const { page, context, problems } = await newPage(browser, { viewport: PHONE });
  await page.goto(site.url(REPORT));
  const notes = await page.evaluate(() => {
    const d = document.getElementById('notes');
    const top = (el) => el.getBoundingClientRect().top + scrollY;
    return {
      tag: d.tagName,
      open: d.open,
      count: d.querySelectorAll('li').length,
      height: d.getBoundingClientRect().height,
      afterProse: top(d) > top(document.querySelector('.prose')) + document.querySelector('.prose').getBoundingClientRect().height,
      afterTables: top(d) > top(document.getElementById('activities')),
      resultsFirst: top(document.getElementById('results')) < top(document.querySelector('.prose')),
    };
  });
  await context.close();
  assert.deepEqual(problems, []);
  // 15 notes in the front matter of content/reports/usolsky-2025.md.
  assert.deepEqual({ ...notes, height: undefined },
    { tag: 'DETAILS', open: false, count: 15, height: undefined, afterProse: true, afterTables: true, resultsFirst: true });
  assert.ok(notes.height < 80, `свёрнутые примечания занимают ${notes.height} px`);
});

/** Text of page `n` of a PDF. */
function pdfPage(file, n) {
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', '-f', String(n), '-l', String(n), '-layout', file, '-'], { encoding: 'utf8' });
  if (r.error) throw new Error(`pdftotext не запустился (apt-get install -y poppler-utils): ${r.error.message}`);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.replace(/\s+/g, ' ');
}

test('первая страница PDF — заголовок и итоги, без примечаний редакции', async (t) => {
  const { page, context, problems } = await newPage(browser);
  await page.goto(site.url(REPORT));
  const title = (await page.locator('h1').textContent()).replace(/\s+/g, ' ').trim();
  const file = join(dir, 'report.pdf');
  await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true, printBackground: true });
  await context.close();
  assert.deepEqual(problems, []);
  const first = pdfPage(file, 1);
  t.diagnostic(first.slice(0, 400));
  assert.ok(first.includes(title.slice(0, 50)), `на первой странице нет заголовка «${title}»`);
  assert.match(first, /Итоги на 30 ноября 2025 г\./);
  assert.match(first, /из 24 достигнут/);
  assert.match(first, /110 мероприятий: выполнено/);
  assert.ok(!first.includes('Примечания редакции'), 'на первой странице — примечания редакции');
});

test('на странице сравнения районов одна «хлебная крошка»', async () => {
  const { page, context, problems } = await newPage(browser, { viewport: PHONE });
  for (const path of ['dashboard/irkutsk-rs-nms/index.html', 'dashboard/kavkazsky-programma-2025-2027/index.html']) {
    await page.goto(site.url(path));
    // Everything above the title: the way back to the list, once (before: a breadcrumb
    // «Сравнение районов» and again «Сравнение районов · Иркутская область»).
    const above = await page.evaluate(() => {
      const main = document.querySelector('main');
      const range = document.createRange();
      range.setStart(main, 0);
      range.setEndBefore(main.querySelector('h1'));
      const frag = range.cloneContents();
      return { text: frag.textContent.replace(/\s+/g, ' ').trim(), links: [...frag.querySelectorAll('a')].map((a) => a.getAttribute('href')) };
    });
    assert.equal(above.text.match(/районов/gi)?.length, 1, `${path}: над заголовком «${above.text}»`);
    assert.deepEqual(above.links, ['../../dashboard/index.html'], `${path}: ссылки над заголовком`);
    const h = await page.evaluate(() => [...document.querySelectorAll('main h1, main h2, main caption')].map((e) => e.textContent));
    // The Irkutsk framework has values of one district (Усольский) only: nothing compared.
    assert.ok(!h.some((x) => /сравнение/i.test(x)), `${path}: заголовок о сравнении при одном районе: ${h.join(' | ')}`);
  }
  await context.close();
  assert.deepEqual(problems, []);
});
