// Pure helpers of search.js: Russian plurals, edit distance, URL state.
import test from 'node:test';
import assert from 'node:assert/strict';
import { loadClient, plain } from './harness.mjs';

const { MetodistSearch } = loadClient('/nonexistent');
const u = MetodistSearch.util;

test('Russian plurals and agreement in the status line', () => {
  const practice = ['практика', 'практики', 'практик'];
  assert.equal(u.foundText(0, practice, 'f'), 'Ничего не найдено');
  assert.equal(u.foundText(1, practice, 'f'), 'Найдена 1 практика');
  assert.equal(u.foundText(2, practice, 'f'), 'Найдено 2 практики');
  assert.equal(u.foundText(5, practice, 'f'), 'Найдено 5 практик');
  assert.equal(u.foundText(11, practice, 'f'), 'Найдено 11 практик');
  assert.equal(u.foundText(14, practice, 'f'), 'Найдено 14 практик');
  assert.equal(u.foundText(21, practice, 'f'), 'Найдена 21 практика');
  assert.equal(u.foundText(22, practice, 'f'), 'Найдено 22 практики');
  assert.equal(u.foundText(111, practice, 'f'), 'Найдено 111 практик');
  const material = ['материал', 'материала', 'материалов'];
  assert.equal(u.foundText(1, material, 'm'), 'Найден 1 материал');
  assert.equal(u.foundText(3, material, 'm'), 'Найдено 3 материала');
});

test('edit distance 1 matches the Rust rule', () => {
  const a = Array.from('грамота');
  for (const b of ['грамоты', 'грамот', 'грамотаа', 'гармота', 'грамтоа', 'рамота']) {
    assert.ok(u.withinOneEdit(a, b), b);
  }
  for (const b of ['гармото', 'грам', 'амота', 'грамотами']) {
    assert.ok(!u.withinOneEdit(a, b), b);
  }
});

test('words are split, lowercased and ё-folded like the analyzer', () => {
  const forms = plain(u.words('Научно-методический «Шаг вперёд»: пере\u00ADнос зна\u0301ние, 2024 г.'))
    .map((w) => w.form);
  assert.deepEqual(forms, ['научно', 'методический', 'шаг', 'вперед', 'перенос', 'знание', '2024', 'г']);
});

test('query and filters round-trip through the URL', () => {
  const loc = { pathname: '/search/', search: '', hash: '' };
  const url = u.writeUrl(loc, { q: 'наставничество', filters: { district: ['usolsky', 'kavkazsky'], year: ['2024'] } });
  assert.equal(url, '/search/?q=%D0%BD%D0%B0%D1%81%D1%82%D0%B0%D0%B2%D0%BD%D0%B8%D1%87%D0%B5%D1%81%D1%82%D0%B2%D0%BE&district=usolsky&district=kavkazsky&year=2024');
  const state = plain(u.readUrl({ search: url.slice(url.indexOf('?')) }));
  assert.deepEqual(state, { q: 'наставничество', filters: { district: ['usolsky', 'kavkazsky'], year: ['2024'] } });
});

test('highlighting escapes HTML and marks matched forms', () => {
  const html = u.highlight('Наставники <b>и</b> наставничеству', new Set(), ['наставник', 'наставничеств'], new Set(['и']));
  assert.equal(html, '<mark>Наставники</mark> &lt;b&gt;и&lt;/b&gt; <mark>наставничеству</mark>');
});

test('postings numbers decode as export.rs encodes them', () => {
  // The string export.rs's numbers_pack_small_values_in_one_character test produces.
  assert.deepEqual(plain(u.decodeNumbers('!NP!|NPO!P_{7')), [0, 44, 45, 2024, 2025, 123456]);
});
