// The search form enhancement, on a fake DOM over the fixture export.
import test from 'node:test';
import assert from 'node:assert/strict';
import { loadClient } from './harness.mjs';
import { searchPage } from './fake-dom.mjs';

const dir = process.env.METODIST_SEARCH_EXPORT;
const skip = dir ? false : 'METODIST_SEARCH_EXPORT not set (run via cargo test -p search-index)';
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

function page(search) {
  const { document, form, input } = searchPage();
  const urls = [];
  const { MetodistSearch, engine, context } = loadClient(dir, { document });
  context.location.search = search;
  context.history = {
    replaceState: (_, __, url) => urls.push(['replace', url]),
    pushState: (_, __, url) => urls.push(['push', url]),
  };
  context.addEventListener = () => {};
  const ui = MetodistSearch.attach(form, { engine });
  return { document, form, input, ui, urls };
}

test('state from the URL drives the first search', { skip }, async () => {
  const { document, input, ui } = page('?q=%D0%BD%D0%B0%D1%81%D1%82%D0%B0%D0%B2%D0%BD%D0%B8%D1%87%D0%B5%D1%81%D1%82%D0%B2%D0%BE&kind=practice');
  await ui.ready;
  assert.equal(input.value, 'наставничество');
  const status = document.getElementById('search-status');
  assert.equal(status.getAttribute('aria-live'), 'polite');
  assert.match(status.textContent, /^Найден[оа] \d+ практик[аи]?$/);
  const list = document.getElementById('search-results');
  assert.equal(list.tagName, 'UL');
  assert.ok(list.querySelectorAll('a').length >= 2);
  const practice = document.getElementById('search-facets').querySelector('input[value=practice]');
  assert.equal(practice.checked, true);
});

test('arrows move through hits, Escape returns to the field', { skip }, async () => {
  const { document, input, ui } = page('?q=%D0%B3%D1%80%D0%B0%D0%BC%D0%BE%D1%82%D0%BD%D0%BE%D1%81%D1%82%D1%8C');
  await ui.ready;
  const list = document.getElementById('search-results');
  const links = list.querySelectorAll('a');
  assert.ok(links.length >= 2);
  assert.ok(input.dispatch('keydown', { key: 'ArrowDown' }).defaultPrevented);
  assert.equal(document.activeElement, links[0]);
  list.dispatch('keydown', { key: 'ArrowDown' });
  assert.equal(document.activeElement, links[1]);
  list.dispatch('keydown', { key: 'ArrowUp' });
  assert.equal(document.activeElement, links[0]);
  list.dispatch('keydown', { key: 'Escape' });
  assert.equal(document.activeElement, input);
});

test('ticking a facet filters and lands in the URL', { skip }, async () => {
  const { document, ui, urls } = page('?q=%D0%B3%D1%80%D0%B0%D0%BC%D0%BE%D1%82%D0%BD%D0%BE%D1%81%D1%82%D1%8C');
  await ui.ready;
  const facets = document.getElementById('search-facets');
  const before = document.getElementById('search-results').querySelectorAll('li').length;
  const box = facets.querySelector('input[value=usolsky]');
  box.checked = true;
  facets.dispatch('change', { target: box });
  await settle();
  assert.deepEqual(urls.at(-1), ['push', '/search/?q=%D0%B3%D1%80%D0%B0%D0%BC%D0%BE%D1%82%D0%BD%D0%BE%D1%81%D1%82%D1%8C&district=usolsky']);
  const after = document.getElementById('search-results').querySelectorAll('li').length;
  assert.ok(after < before, `${after} < ${before}`);
  assert.equal(facets.querySelector('input[value=usolsky]').checked, true);
});

test('typing searches after a pause and keeps the URL in step', { skip }, async () => {
  const { document, input, ui, urls } = page('');
  await ui.ready;
  assert.equal(document.getElementById('search-status').textContent, '');
  input.value = 'наставничиство';
  input.dispatch('input');
  await new Promise((resolve) => setTimeout(resolve, 250));
  assert.match(document.getElementById('search-status').textContent,
    /Исправлено: наставничиство → наставничество/);
  assert.equal(urls.at(-1)[0], 'replace');
});
