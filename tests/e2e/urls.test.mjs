// Links that run script: every spelling of tests/bad_input/url-vectors.txt reaches a
// built page the ways a hostile author still has (`check` refuses them in URL fields):
// Markdown links and raw <a href> in a body (through ammonia), and text that the site's
// own template turns into links through the theme's `safe_url` filter. Each page is
// opened from file:// and every link on it is clicked: no dialog may open, no script may
// run (window.__pwned, alert/confirm/prompt, script errors), and no navigation or request
// may go to a javascript:, vbscript: or data: URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { ROOT, bin, tempDir } from './lib/site.mjs';
import { launch, newPage } from './lib/browser.mjs';

/** The vectors, escapes decoded (the format is in the file's header). */
function vectors() {
  const text = readFileSync(join(ROOT, 'tests/bad_input/url-vectors.txt'), 'utf8');
  const escapes = { t: '\t', n: '\n', r: '\r', 0: '\0', f: '\f', '\\': '\\' };
  return text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) =>
    l.replace(/\\(u\{([0-9A-Fa-f]+)\}|.)/g, (_, e, hex) => {
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      if (!(e in escapes)) throw new Error(`неизвестная escape-последовательность \\${e} в ${l}`);
      return escapes[e];
    }));
}

const VECTORS = vectors();
/** A URL as the browser resolved it (`a.href`, a request, a navigation) that runs code. */
const DANGEROUS = /^(javascript|vbscript|data|livescript|mocha):/i;

/** Every character but printable ASCII as a character reference, so that no control
 * character or line break reaches the Markdown file; the HTML parser (or CommonMark, in
 * a link destination) decodes it back. `keep` are characters left as they are. */
const refs = (v, keep = /[ -~]/) => [...v].map((c) => (keep.test(c) ? c : `&#x${c.codePointAt(0).toString(16)};`)).join('');

/** A Markdown link destination in <…>: backslash, < and > escaped. */
const mdDest = (v) => refs(v).replace(/[\\<>]/g, (c) => '\\' + c);
/** A double-quoted attribute value: " escaped; & left alone (the entity vectors). */
const attr = (v) => refs(v).replace(/"/g, '&quot;');
/** A YAML double-quoted scalar. */
const yaml = (v) => '"' + [...v].map((c) => (c === '"' || c === '\\' ? '\\' + c : /[ -~]/.test(c) ? c : `\\u${c.codePointAt(0).toString(16).padStart(4, '0')}`)).join('') + '"';

const page = (title, body, extra = '') => `---\nkind: page\ntitle: ${title}\n${extra}---\n${body}`;
// Bodies start on line 5: vector i is the paragraph on line 5 + 2i.
const markdownBody = (vs) => vs.map(([i, v]) => `[m${i}](<${mdDest(v)}>)\n`).join('\n');

/** Links that do run, unfiltered, to prove the harness notices. */
const CANARY = ['javascript:window.__pwned=1', 'JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>'];

const PAGES = [
  ['v/markdown/index.html', 'Markdown-ссылки [x](…)', () => VECTORS.length - droppedFromMarkdown.length],
  ['v/html/index.html', 'ссылки <a href> в теле страницы', () => VECTORS.length],
  ['v/filter/index.html', 'фильтр safe_url в шаблоне сайта', () => VECTORS.length],
];

let dir, out, site, browser;
/** What clicking through each page gave, by page. */
const clicks = {};
let droppedFromMarkdown = [];

function buildSite(markdownVectors) {
  site = join(dir, 'site');
  const files = {
    'metodist.toml': 'title = "Векторы"\nsearch = false\n',
    'content/v/markdown.md': page('Ссылки Markdown', markdownBody(markdownVectors)),
    'content/v/html.md': page('Ссылки HTML', VECTORS.map((v, i) => `<p><a href="${attr(v)}">h${i}</a></p>\n`).join('\n')),
    'content/v/filter.md': page('Ссылки через safe_url', 'Текст.\n', `template: vectors.html\nnotes:\n${VECTORS.map((v) => `  - ${yaml(v)}\n`).join('')}`),
    // The harness must see a link that runs: the same text without the filter.
    'content/v/canary.md': page('Контрольная страница', 'Текст.\n', `template: canary.html\nnotes:\n${CANARY.map((v) => `  - ${yaml(v)}\n`).join('')}`),
    'templates/canary.html': '<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8"><title>{{ page.title }}</title></head>\n<body><main>{% for n in page.notes %}<p><a href="{{ n }}">c{{ loop.index0 }}</a></p>\n{% endfor %}</main></body></html>\n',
    // The site author's own template (allowed): any text becomes a link, through the filter.
    'templates/vectors.html': '<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8"><title>{{ page.title }}</title></head>\n<body><main>{% for n in page.notes %}<p><a href="{{ n | safe_url }}">f{{ loop.index0 }}</a></p>\n{% endfor %}</main></body></html>\n',
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(site, rel)), { recursive: true });
    writeFileSync(join(site, rel), text);
  }
  out = join(dir, `public-${markdownVectors.length}`);
  return spawnSync(bin(), ['build', site, '-o', out], { encoding: 'utf8' });
}

before(async () => {
  dir = tempDir('metodist-e2e-urls-');
  let all = VECTORS.map((v, i) => [i, v]);
  let r = buildSite(all);
  if (r.status !== 0) {
    // A Markdown link whose destination reads as a relative path (percent escapes) is
    // a missing file for `check`: the build refuses it, so it never reaches a page.
    const missing = new Set();
    for (const m of r.stderr.matchAll(/content\/v\/markdown\.md:(\d+):\d+: ошибка: ссылка ведёт на несуществующую/g)) {
      missing.add((Number(m[1]) - 5) / 2);
    }
    droppedFromMarkdown = all.filter(([k]) => missing.has(k));
    all = all.filter(([k]) => !missing.has(k));
    r = buildSite(all);
  }
  assert.equal(r.status, 0, `metodist build: ${r.status}\n${r.stderr}`);
  browser = await launch();
  // The pages are clicked through at the same time, each in its own browser context.
  const pages = [...PAGES.map(([rel]) => rel), 'v/canary/index.html'];
  const results = await Promise.all(pages.map((rel) => clickEverything(rel)));
  pages.forEach((rel, i) => { clicks[rel] = results[i]; });
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Clicks every link of the page at `rel` (from file://); returns what ran or went where. */
async function clickEverything(rel) {
  const url = pathToFileURL(join(out, rel)).href;
  const { context, page, problems } = await newPage(browser);
  const ran = [];
  await context.exposeBinding('__metodistReport', (_, what) => { ran.push(what); });
  await context.addInitScript(() => {
    const report = (what) => window.__metodistReport(what);
    Object.defineProperty(window, '__pwned', { set: (v) => report(`window.__pwned = ${v}`), get: () => undefined });
    for (const f of ['alert', 'confirm', 'prompt']) window[f] = (m) => report(`${f}(${m})`);
  });
  page.on('dialog', (d) => { ran.push(`диалог: ${d.message()}`); d.dismiss().catch(() => {}); });
  const went = [];
  const watch = (u) => { if (DANGEROUS.test(u)) went.push(u); };
  page.on('framenavigated', (f) => watch(f.url()));
  page.on('request', (r) => watch(r.url()));
  context.on('page', (p) => went.push(`новое окно: ${p.url()}`));
  await page.goto(url);
  const n = await page.locator('a').count();
  // The attribute, and the URL Chromium resolved from it (its own URL parser decides).
  const hrefs = await page.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const resolved = await page.locator('a').evaluateAll((as) => as.map((a) => (a.hasAttribute('href') ? a.href : null)));
  let clicked = 0;
  let dispatched = 0;
  for (let i = 0; i < n; i++) {
    // A link to another document (a page of the theme, a relative path a vector became)
    // is followed to its end, then the page is opened again; any other link stays here.
    const to = resolved[i];
    // The theme's link to the project's page is blocked by the harness (no external
    // requests): clicked, but nothing loads.
    const external = to !== null && /^https?:/.test(to);
    const leaves = to !== null && !external && !DANGEROUS.test(to) && to.split('#')[0] !== url.split('#')[0];
    const navigated = leaves ? page.waitForEvent('framenavigated', { timeout: 10_000 }).catch(() => null) : null;
    const a = page.locator('a').nth(i);
    // A skip link comes on screen when focused.
    await a.focus();
    const byMouse = await a.isVisible() && await a.click({ noWaitAfter: true, timeout: 3000 }).then(() => true, () => false);
    if (byMouse) {
      clicked++;
    } else {
      // A link in a closed menu, or off screen: the same activation, by event.
      await a.dispatchEvent('click');
      dispatched++;
    }
    if (leaves) {
      await navigated;
      await page.goto(url, { waitUntil: 'domcontentloaded' });
    } else {
      // A javascript: URL would run in a later task.
      await page.waitForTimeout(30);
    }
  }
  await page.waitForTimeout(100);
  await context.close();
  return { n, clicked, dispatched, hrefs, resolved, ran, went, problems };
}

/** Problems of the page but the blocked request of the theme's external link. */
const real = (problems, resolved) => problems.filter((p) => !resolved.some((h) => h && /^https?:/.test(h) && p === `внешний запрос: ${h}`));

for (const [rel, name, links] of PAGES) {
  test(`file://: ${name}: ни одна из ${VECTORS.length} ссылок не запускает скрипт`, (t) => {
    const r = clicks[rel];
    t.diagnostic(`ссылок на странице: ${r.n}, нажато мышью: ${r.clicked}, событием: ${r.dispatched}`);
    if (rel.includes('markdown')) {
      t.diagnostic(`не опубликованы (сборка отказала: ссылка на несуществующий файл): ${droppedFromMarkdown.length}`);
    }
    assert.ok(r.n >= links(), `на странице ${r.n} ссылок, а векторов ${links()}`);
    assert.equal(r.clicked + r.dispatched, r.n);
    const published = r.resolved.filter((h) => h !== null && DANGEROUS.test(h));
    assert.deepEqual(published, [], 'опубликованы опасные адреса');
    if (rel.includes('filter')) {
      assert.deepEqual(r.hrefs, VECTORS.map(() => '#'), 'safe_url пропустил адрес');
    }
    assert.deepEqual(r.ran, [], 'скрипт выполнился');
    assert.deepEqual(r.went, [], 'переход на опасный адрес');
    assert.deepEqual(real(r.problems, r.resolved), []);
  });
}

test('file://: контрольная страница без фильтра: проверка замечает запуск скрипта', () => {
  const r = clicks['v/canary/index.html'];
  assert.equal(r.resolved.filter((h) => h && DANGEROUS.test(h)).length, CANARY.length);
  assert.ok(r.ran.includes('window.__pwned = 1'), `не замечено: ${r.ran}`);
  assert.ok(r.ran.includes('alert(1)'), `не замечено: ${r.ran}`);
  assert.ok(r.went.length + r.problems.filter((p) => /data:/.test(p)).length > 0, 'не замечен переход на data:');
});
