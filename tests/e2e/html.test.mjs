// Valid HTML: the Nu HTML Checker (vnu-jar, Java) on one page of every template, and on
// the search page as the browser has it after the client rendered results and filters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, tempDir } from './lib/site.mjs';
import { launch, newPage } from './lib/browser.mjs';
import { vnu } from './lib/checks.mjs';
import { templatePages } from './lib/pages.mjs';
import { waitForHits } from './lib/search.mjs';

let site;

before(() => { site = build(); });
after(() => site?.cleanup());

function report(messages) {
  return messages.map((m) => `  ${m.file}:${m.line}: ${m.message}\n    ${m.extract}`).join('\n');
}

test('Nu HTML Checker: ни одной ошибки на странице каждого шаблона', (t) => {
  const pages = templatePages(site.out);
  const files = [...new Set(pages.map((p) => join(site.out, p.path.split('?')[0])))];
  const messages = vnu(files);
  for (const f of files) t.diagnostic(`${f.slice(site.out.length + 1)}: ${messages.filter((m) => m.file === f).length}`);
  t.diagnostic(`ошибок всего: ${messages.length} в ${files.length} файлах`);
  assert.equal(messages.length, 0, `ошибки разметки:\n${report(messages)}`);
});

test('Nu HTML Checker: страница поиска с результатами, отрисованными в браузере', async (t) => {
  const browser = await launch();
  const dir = tempDir();
  try {
    const { page, problems } = await newPage(browser);
    await page.goto(site.url('search/index.html?q=наставничество&kind=practice'));
    await waitForHits(page);
    const file = join(dir, 'search-rendered.html');
    // The DOM as rendered, without the shard <script> tags the client injected from file://.
    const html = await page.evaluate(() => {
      const copy = document.documentElement.cloneNode(true);
      copy.querySelectorAll('script[async]').forEach((s) => s.remove());
      return '<!DOCTYPE html>\n' + copy.outerHTML;
    });
    writeFileSync(file, html);
    const messages = vnu([file]);
    t.diagnostic(`ошибок: ${messages.length}`);
    assert.deepEqual(problems, []);
    assert.equal(messages.length, 0, `ошибки разметки:\n${report(messages)}`);
  } finally {
    await browser.close();
  }
});
