// The browser client over a real export of the Rust fixture corpus. The
// export folder comes from METODIST_SEARCH_EXPORT (the Rust test
// `client_js` sets it); without it these tests skip.
import test from 'node:test';
import assert from 'node:assert/strict';
import { loadClient, plain } from './harness.mjs';

const dir = process.env.METODIST_SEARCH_EXPORT;
const skip = dir ? false : 'METODIST_SEARCH_EXPORT not set (run via cargo test -p search-index)';

async function query(q, filters, protocol = 'http:') {
  const { engine, downloads } = loadClient(dir, { protocol });
  const res = plain(await engine.query(q, filters, { limit: 10 }));
  return { res, ids: res.hits.map((h) => h.id), downloads };
}

test('a typo still finds the mentoring pages', { skip }, async () => {
  const { res, ids } = await query('наставничиство');
  assert.equal(res.words[0].how, 'typo');
  assert.equal(res.words[0].suggestion, 'наставничество');
  assert.ok(ids.includes('seminar-mentoring') && ids.includes('shag-vperyod'), ids.join());
});

test('the last word completes as a prefix while typing', { skip }, async () => {
  const typing = await query('функциональная грам');
  assert.equal(typing.res.words[1].how, 'prefix');
  const done = await query('функциональная грамотность');
  assert.deepEqual(typing.ids.slice(0, 2).sort(), done.ids.slice(0, 2).sort());
});

test('excerpts mark the surface forms that matched', { skip }, async () => {
  const { res } = await query('наставничество');
  const shag = res.hits.find((h) => h.id === 'shag-vperyod');
  assert.ok(shag.excerpt.length > 0);
  const chitaem = (await query('читательская грамотность')).res.hits.find((h) => h.id === 'chitaem');
  assert.match(chitaem.excerpt, /<mark>[^<]+<\/mark>/);
  assert.equal(shag.href, 'http://localhost/search/../practices/shag-vperyod/');
});

test('filters narrow the hits; counts of the filtered facet stay', { skip }, async () => {
  const all = await query('грамотность');
  const one = await query('грамотность', { district: ['usolsky'] });
  const count = (res, field, value) =>
    (res.facets.find((f) => f.field === field).values.find((v) => v.value === value) || { count: 0 }).count;
  assert.equal(one.res.total, count(all.res, 'district', 'usolsky'));
  assert.ok(one.res.total < all.res.total);
  assert.equal(count(one.res, 'district', 'kavkazsky'), count(all.res, 'district', 'kavkazsky'));
});

test('file:// loads shards by <script> tags with the same answers', { skip }, async () => {
  const viaFetch = await query('наставничество', { kind: ['practice'] });
  const viaScript = await query('наставничество', { kind: ['practice'] }, 'file:');
  assert.deepEqual(viaScript.ids, viaFetch.ids);
  assert.ok(viaScript.downloads.every((d) => d.file.endsWith('.js')));
  assert.ok(viaScript.res.hits[0].href.endsWith('index.html'), viaScript.res.hits[0].href);
});

test('a first query downloads only a few small files', { skip }, async () => {
  const { downloads } = await query('функциональная грамотность');
  const gzip = downloads.reduce((s, d) => s + d.gzip, 0);
  assert.ok(downloads.length <= 12, `${downloads.length} files`);
  assert.ok(gzip < 20000, `${gzip} bytes gzipped`);
});

test('an unknown facet is an error, an unknown value matches nothing', { skip }, async () => {
  const { engine } = loadClient(dir);
  await assert.rejects(engine.query('урок', { colour: ['red'] }), /неизвестный фильтр/);
  const none = plain(await engine.query('грамотность', { tags: ['нет такого'] }));
  assert.equal(none.total, 0);
});
