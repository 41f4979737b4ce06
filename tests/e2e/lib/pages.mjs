// One page of every template of the default theme, found in a built site.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const REPORT = 'reports/usolsky-2025/index.html';

const KINDS = ['report', 'plan', 'roadmap', 'programme', 'regulation', 'rmo', 'competition',
  'practice', 'event', 'page'];

/** Preferred page per kind, if the bundled site still has it; else the first listed. */
const PREFERRED = {
  report: REPORT,
  practice: 'practices/usolsky-praktika-nastavnichestva/index.html',
  competition: 'competitions/usolsky-uchitel-goda-2025/index.html',
};

/** The first page linked from a list page (`.items` links), relative to the output. */
function firstItem(out, listPath) {
  const html = readFileSync(join(out, listPath), 'utf8');
  const m = /<h[2-4] class="item-title"><a href="([^"]+)"/.exec(html);
  if (!m) throw new Error(`в ${listPath} нет ни одного материала`);
  const base = listPath.replace(/[^/]*$/, '');
  return new URL(m[1], 'http://x/' + base).pathname.slice(1);
}

/** [{ name, path }] — `path` relative to the output folder, may carry a query. */
export function templatePages(out) {
  const pages = [
    { name: 'главная', path: 'index.html' },
    { name: 'раздел', path: 'practices/index.html' },
    { name: 'указатель', path: 'district/index.html' },
    { name: 'термин указателя', path: 'subject/index.html', term: true },
  ];
  // A term page: the first term of the subject index.
  const subjects = readFileSync(join(out, 'subject/index.html'), 'utf8');
  const term = /<ul class="terms-list"><li><a href="([^"]+)"/.exec(subjects);
  if (!term) throw new Error('в subject/index.html нет терминов');
  pages[3].path = new URL(term[1], 'http://x/subject/').pathname.slice(1);
  for (const kind of KINDS) {
    const preferred = PREFERRED[kind];
    const path = preferred && existsSync(join(out, preferred))
      ? preferred : firstItem(out, `kind/${kind}/index.html`);
    pages.push({ name: kind, path, kind });
  }
  // Comparison dashboards (dashboards.html, dashboard.html), where the site has them.
  if (existsSync(join(out, 'dashboard/index.html'))) {
    pages.push({ name: 'сравнение районов', path: 'dashboard/index.html' });
    const list = readFileSync(join(out, 'dashboard/index.html'), 'utf8');
    const first = /<h[2-4] class="item-title"><a href="([^"]+)"/.exec(list) || /<a href="((?!\.\.)[^"]+\/index\.html)"/.exec(list);
    if (first) pages.push({ name: 'сравнение по системе показателей', path: new URL(first[1], 'http://x/dashboard/').pathname.slice(1) });
  }
  // Schools (schools.html, school.html): the list, and the school with most materials.
  if (existsSync(join(out, 'schools/index.html'))) {
    pages.push({ name: 'организации', path: 'schools/index.html' });
    const list = readFileSync(join(out, 'schools/index.html'), 'utf8');
    const schools = [...list.matchAll(/<a href="([^"]+\/index\.html)">[^<]*<\/a> <span class="count">\((\d+)/g)]
      .sort((a, b) => Number(b[2]) - Number(a[2]));
    if (schools.length) pages.push({ name: 'организация', path: new URL(schools[0][1], 'http://x/schools/').pathname.slice(1) });
  }
  pages.push({ name: 'поиск', path: 'search/index.html?q=наставничество&district=usolsky', search: true });
  pages.push({ name: '404', path: '404.html' });
  return pages;
}
